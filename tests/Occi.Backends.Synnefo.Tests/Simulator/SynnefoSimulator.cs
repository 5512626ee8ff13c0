using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// An in-test Synnefo on Kestrel, on a random loopback port: each service under the path its guide's examples use
/// (Astakos' identity under /identity/v2.0, Cyclades/Compute under /cyclades/compute/v2.0, Plankton under
/// /cyclades/image/v1.0), listed in the catalog Astakos answers. The gateway is pointed at <see cref="IdentityUrl"/>
/// and finds the rest there. Built from Synnefo's published API guides only; no Synnefo was run to write it.
/// </summary>
internal sealed class SynnefoSimulator : IAsyncDisposable
{
    public const string IdentityPath = "/identity/v2.0";
    public const string ComputePath = "/cyclades/compute/v2.0";
    public const string ImagePath = "/cyclades/image/v1.0";
    public const string NetworkPath = "/cyclades/network/v2.0";
    public const string VolumePath = "/cyclades/volume/v2.0";

    private readonly WebApplication _app;

    private SynnefoSimulator(WebApplication app, SimulatedCloud cloud, string root)
    {
        _app = app;
        Cloud = cloud;
        Root = root;
    }

    public SimulatedCloud Cloud { get; }

    /// <summary>http://127.0.0.1:PORT, without a trailing slash.</summary>
    public string Root { get; }

    /// <summary>What Occi:Synnefo:IdentityUrl names: Astakos' identity API.</summary>
    public string IdentityUrl => Root + IdentityPath;

    public static async Task<SynnefoSimulator> StartAsync(SimulatedCloud? cloud = null)
    {
        cloud ??= new SimulatedCloud();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        string Root() => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        app.Use(async (context, next) =>
        {
            if (cloud.Hold is { } hold) await hold(context.Request.Method, context.Request.Path.Value ?? "");
            await next(context);
        });
        // One file per service; synb adds network, block storage and quotas here, each in its own file.
        AstakosIdentity.Map(app, cloud, () => new Catalog(Root()));
        var compute = app.MapGroup(ComputePath);
        CycladesCompute.Map(compute, cloud);
        PlanktonImages.Map(app.MapGroup(ImagePath), cloud);
        CycladesNetwork.Map(app.MapGroup(NetworkPath), cloud);
        CycladesBlockStorage.Map(app.MapGroup(VolumePath), compute, cloud);
        AstakosQuotas.Map(app.MapGroup(AstakosQuotas.Path), cloud);
        await app.StartAsync();
        return new SynnefoSimulator(app, cloud, Root());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The public URLs of the simulated services, as Astakos' catalog lists them.</summary>
internal sealed record Catalog(string Root)
{
    public string Identity => Root + SynnefoSimulator.IdentityPath;
    public string Compute => Root + SynnefoSimulator.ComputePath;
    public string Image => Root + SynnefoSimulator.ImagePath;
    public string Network => Root + SynnefoSimulator.NetworkPath;
    public string Volume => Root + SynnefoSimulator.VolumePath;
}
