using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A collector's OTLP/HTTP side, in the test: Kestrel on 127.0.0.1 taking POST /v1/traces and /v1/metrics with
/// protobuf bodies (ExportTraceServiceRequest, ExportMetricsServiceRequest), keeping each body as it came, and
/// answering 200 with an empty protobuf answer (a full success, nothing partially refused).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<byte[]> Traces { get; } = new();
    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    /// <summary>Where the gateway's Occi:Telemetry:OtlpEndpoint points, with OtlpProtocol http/protobuf.</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", (HttpContext http) => receiver.TakeAsync(http, receiver.Traces));
        app.MapPost("/v1/metrics", (HttpContext http) => receiver.TakeAsync(http, receiver.Metrics));
        await app.StartAsync();
        return receiver;
    }

    private async Task TakeAsync(HttpContext http, ConcurrentQueue<byte[]> into)
    {
        if (http.Request.ContentType != "application/x-protobuf")
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        into.Enqueue(body.ToArray());
        http.Response.ContentType = "application/x-protobuf";
        http.Response.ContentLength = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
