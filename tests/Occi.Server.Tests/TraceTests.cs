using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Tests.Support;
using OpenTelemetry.Trace;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 17: with Occi:Telemetry:Traces on, a request is one trace: ASP.NET Core's span (continuing the client's
/// traceparent), tagged with the OCCI operation, and below it a span per backend and store call.
/// </summary>
public class TraceTests : ServerTest
{
    private readonly List<Activity> _spans = [];

    protected override (string Key, string Value)[] Settings => [("Occi:Telemetry:Traces", "true")];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));

    [Test]
    public async Task A_get_is_one_trace_with_the_backend_and_store_calls_below_the_request()
    {
        var compute = await CreateComputeAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var r = await SendAsync(HttpMethod.Get, compute, headers: ("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        Assert.That((int)r.StatusCode, Is.EqualTo(200));

        // The request's span ends after the answer is sent: wait for it, bounded.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Activity[] trace;
        do
        {
            lock (_spans) trace = _spans.Where(s => s.TraceId == traceId).ToArray();
            if (trace.Any(s => s.Kind == ActivityKind.Server)) break;
            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);

        var request = trace.Single(s => s.Kind == ActivityKind.Server);
        Assert.That(request.GetTagItem("occi.operation"), Is.EqualTo("entity"));
        Assert.That(trace.Select(s => s.DisplayName), Is.SupersetOf(new[] { "backend refresh", "store get" }));
        Assert.That(trace.Where(s => s.Kind == ActivityKind.Client).Select(s => s.ParentSpanId), Is.All.EqualTo(request.SpanId));
    }
}
