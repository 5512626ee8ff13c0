using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Tests.Support;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 17: traces and metrics leave the gateway over OTLP. A real OTLP/HTTP receiver (Kestrel, in the test) takes
/// what the gateway's exporter sends once Occi:Telemetry:OtlpEndpoint points at it with OtlpProtocol http/protobuf;
/// the protobuf bodies are decoded (<see cref="OtlpMessages"/>) and must hold the spans of the OCCI operations
/// performed and the request metrics counting them. The exporters are flushed through the gateway's own
/// TracerProvider and MeterProvider, polled until the last request's span has ended (bounded).
/// </summary>
public class OtlpExportTests
{
    private OtlpReceiver _receiver = null!;
    private RunningServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _server = await RunningServer.StartAsync(null,
            ("Occi:Telemetry:Traces", "true"),
            ("Occi:Telemetry:OtlpEndpoint", _receiver.BaseAddress.ToString()),
            ("Occi:Telemetry:OtlpProtocol", "http/protobuf"));
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Test]
    public async Task Otlp_receiver_gets_the_spans_of_the_occi_operations_and_the_request_metrics()
    {
        var compute = await CreateComputeAsync();
        for (var i = 0; i < 3; i++)
            Assert.That((await _server.Client.SendAsync(_server.Request(HttpMethod.Get, compute))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _server.Client.SendAsync(_server.Request(HttpMethod.Get, "/-/"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var spans = await FlushUntilAsync(() => _receiver.Traces.SelectMany(OtlpMessages.Spans).ToList(),
            s => s.Count(IsEntityRequest) == 3 && s.Any(x => x.Attributes.GetValueOrDefault("occi.operation") == "query_interface"));
        var points = await FlushUntilAsync(() => _receiver.Metrics.SelectMany(OtlpMessages.HistogramPoints).ToList(),
            p => p.Any(x => x.Metric == "occi.server.request.duration"));
        var sums = _receiver.Metrics.SelectMany(OtlpMessages.SumPoints).ToList();

        Assert.Multiple(() =>
        {
            // ASP.NET Core's request span carries the OCCI operation; the calls below it are ours.
            Assert.That(spans.Count(s => s.Attributes.GetValueOrDefault("occi.operation") == "kind_collection"), Is.EqualTo(1));
            Assert.That(spans.Count(IsEntityRequest), Is.EqualTo(3));
            Assert.That(spans.Select(s => s.Name), Is.SupersetOf(new[] { "backend create", "backend refresh", "store put", "store get" }));
            // Metrics are cumulative: the last export of a series holds every request of it.
            Assert.That(LastCount(points, "occi.server.request.duration", ("occi.operation", "entity"), ("http.request.method", "GET"), ("http.response.status_code", "200")), Is.EqualTo(3));
            Assert.That(LastCount(points, "occi.server.request.duration", ("occi.operation", "kind_collection"), ("http.request.method", "POST"), ("http.response.status_code", "201")), Is.EqualTo(1));
            // The Local backend and the embedded store answer a GET's refresh and read at once, from memory: counted, and
            // timed only when one took 0.1 ms or more (a preempted thread can); each call is in one series or the other.
            Assert.That(LastValue(sums, "occi.backend.call.immediate", ("occi.backend", "local"), ("occi.backend.operation", "refresh")), Is.Positive);
            Assert.That(LastValue(sums, "occi.backend.call.immediate", ("occi.backend.operation", "refresh"))
                + (long)LastCount(points, "occi.backend.call.duration", ("occi.backend.operation", "refresh"), ("outcome", "ok")), Is.GreaterThanOrEqualTo(3));
            Assert.That(LastValue(sums, "occi.store.operation.immediate", ("occi.store.operation", "get"))
                + (long)LastCount(points, "occi.store.operation.duration", ("occi.store.operation", "get"), ("outcome", "ok")), Is.GreaterThanOrEqualTo(3));
        });
    }

    private static bool IsEntityRequest(OtlpMessages.Span span) => span.Attributes.GetValueOrDefault("occi.operation") == "entity";

    private static ulong LastCount(List<OtlpMessages.HistogramPoint> points, string metric, params (string Key, string Value)[] labels) =>
        points.LastOrDefault(p => p.Metric == metric && labels.All(l => p.Attributes.GetValueOrDefault(l.Key) == l.Value))?.Count ?? 0;

    private static long LastValue(List<OtlpMessages.SumPoint> points, string metric, params (string Key, string Value)[] labels) =>
        points.LastOrDefault(p => p.Metric == metric && labels.All(l => p.Attributes.GetValueOrDefault(l.Key) == l.Value))?.Value ?? 0;

    /// <summary>Flushes the gateway's exporters until <paramref name="done"/> holds of what arrived, for at most 20 s.</summary>
    private async Task<List<T>> FlushUntilAsync<T>(Func<List<T>> received, Func<List<T>, bool> done)
    {
        var tracer = _server.Services.GetRequiredService<TracerProvider>();
        var meter = _server.Services.GetRequiredService<MeterProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            tracer.ForceFlush();
            meter.ForceFlush();
            var got = received();
            if (done(got) || DateTime.UtcNow > deadline) return got;
            await Task.Delay(50);
        }
    }

    private async Task<string> CreateComputeAsync()
    {
        var request = _server.Request(HttpMethod.Post, "/compute/");
        request.Content = RunningServer.TextPlain(OcciText.ComputeCategory + "\n");
        var response = await _server.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return response.Headers.Location!.AbsolutePath;
    }
}
