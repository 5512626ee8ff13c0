using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// The gRPC port of Occi:Cloudkeeper, when enabled: a second Kestrel host in the process, so the OCCI port keeps
/// listening exactly where <c>--urls</c> / ASPNETCORE_URLS say (Kestrel ignores those once endpoints are set in
/// code) and the gRPC port has its own TLS and client-certificate rules. It shares the main container's catalog,
/// backend and registry. Before it listens the catalog is reconciled with the backend and the model (appliances
/// become os_tpl mixins again after a restart); afterwards every Occi:Cloudkeeper:ReconcileSeconds.
/// </summary>
internal sealed class CloudkeeperEndpoint(IServiceProvider main, IOptions<CloudkeeperOptions> options, TimeProvider clock,
    ILogger<CloudkeeperEndpoint> log) : BackgroundService
{
    private WebApplication? _grpc;
    private ApplianceSync? _sync;

    /// <summary>Made at start (<see cref="StartAsync"/>), waited on and disposed by <see cref="ExecuteAsync"/>.</summary>
    private PeriodicTimer? _rounds;

    /// <summary>The port the gRPC host listens on (the configured one, or the one picked for Port = 0); 0 when off.</summary>
    public int Port { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        var backend = main.GetRequiredService<ICloudBackend>();
        if (main.GetService<IApplianceImages>() is null)
            throw new InvalidOperationException($"{CloudkeeperOptions.Section}:Enabled is true, but the {backend.Name} backend cannot register appliance images");
        _sync = main.GetRequiredService<ApplianceSync>();
        await _sync.ReconcileAsync(cancellationToken);
        _grpc = Build(o);
        await _grpc.StartAsync(cancellationToken);
        var address = _grpc.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        log.LogInformation("Cloudkeeper backend listening on port {Port} (TLS; {Count} client DN(s) allowed), {Appliances} appliance(s) registered",
            Port, o.AllowedDns().Count, main.GetRequiredService<ApplianceCatalog>().All.Count);
        // Made before the host reports started, as the reconciler's sweeps: ExecuteAsync may first run after a clock moved at start.
        _rounds = new PeriodicTimer(TimeSpan.FromSeconds(o.ReconcileSeconds), clock);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _rounds!;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _sync!.ReconcileAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Cloudkeeper: reconciling the appliances with the backend failed; the next round tries again");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_grpc is null) return;
        await _grpc.StopAsync(cancellationToken);
        await _grpc.DisposeAsync();
        _grpc = null;
    }

    private WebApplication Build(CloudkeeperOptions o)
    {
        var certificate = X509Certificate2.CreateFromPemFile(o.CertificatePath, o.KeyPath);
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(o.ClientCaPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Nothing of the OCCI host's configuration (its URLs above all) applies here; logs go where the server's go.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(main.GetRequiredService<ILoggerFactory>());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(o.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                // Asked for, and judged per call by ClientCertificateCheck so that a refusal is a gRPC status.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            });
        }));
        builder.Services.AddSingleton(main.GetRequiredService<ApplianceSync>());
        builder.Services.AddSingleton(sp => new ClientCertificateCheck(trusted, o.AllowedDns().ToHashSet(StringComparer.Ordinal),
            sp.GetRequiredService<ILogger<ClientCertificateCheck>>()));
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ClientCertificateCheck>());
        var app = builder.Build();
        app.MapGrpcService<CommunicatorService>();
        return app;
    }
}
