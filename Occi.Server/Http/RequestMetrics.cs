using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Occi.Server.Http;

/// <summary>
/// occi.server.request.duration (seconds): one histogram gives both the request rate (its count) and the
/// latency, by OCCI operation, method and status. The tag values are cached strings, so a record allocates nothing.
/// </summary>
internal sealed class RequestMetrics(IMeterFactory meters)
{
    private readonly Histogram<double> _duration = meters.Create(Instrumentation.Name).CreateHistogram("occi.server.request.duration", "s",
        "Requests served, by OCCI operation (target), method and status", advice: Instrumentation.LatencyAdvice);

    /// <summary>Status codes as label strings, made once.</summary>
    private static readonly string[] Statuses = Enumerable.Range(0, 600).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>False when nothing listens (Occi:Telemetry:Metrics off): the request is then not timed at all.</summary>
    public bool Enabled => _duration.Enabled;

    public void Record(OcciOperation operation, string method, int status, long startedTimestamp)
    {
        var tags = new TagList
        {
            { "occi.operation", operation.Name },
            { "http.request.method", Instrumentation.MethodLabel(method) },
            { "http.response.status_code", (uint)status < Statuses.Length ? Statuses[status] : "other" },
        };
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }
}
