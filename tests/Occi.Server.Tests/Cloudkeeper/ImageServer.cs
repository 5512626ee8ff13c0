using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>The core's own web server for REMOTE images, on loopback: one image behind HTTP Basic.</summary>
public sealed class ImageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _authorizations = [];

    private ImageServer(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    public IReadOnlyList<string> Authorizations { get { lock (_authorizations) return [.. _authorizations]; } }

    public static async Task<ImageServer> StartAsync(byte[] image, string user, string password)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        ImageServer? self = null;
        app.MapGet("/image.qcow2", async (HttpContext context) =>
        {
            var given = context.Request.Headers.Authorization.ToString();
            lock (self!._authorizations) self._authorizations.Add(given);
            if (given != expected) { context.Response.StatusCode = (int)HttpStatusCode.Unauthorized; return; }
            await context.Response.Body.WriteAsync(image);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new ImageServer(app, address.TrimEnd('/') + "/image.qcow2");
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
