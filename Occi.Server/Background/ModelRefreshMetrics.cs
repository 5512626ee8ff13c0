using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Occi.Server.Background;

/// <summary>
/// occi.model.refresh.duration (seconds; its count is the number of refreshes) and occi.model.refresh.failures, by
/// part: "backend" (the mixins the backend offers) or "store" (the user mixins).
/// </summary>
internal sealed class ModelRefreshMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;

    public ModelRefreshMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Instrumentation.Name);
        _duration = meter.CreateHistogram("occi.model.refresh.duration", "s",
            "Refreshes of the model (every Occi:ModelRefreshSeconds), by part", advice: Instrumentation.LatencyAdvice);
        _failures = meter.CreateCounter<long>("occi.model.refresh.failures", "{refresh}", "Refreshes of the model that failed, by part");
    }

    public void Record(string part, long startedTimestamp, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("part", part);
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tag);
        // Added at 0 too, so the series exists (and rate() works) before the first failure.
        _failures.Add(failed ? 1 : 0, tag);
    }
}
