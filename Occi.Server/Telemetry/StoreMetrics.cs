using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>occi.store.operation.duration (seconds): each call on the entity store, by operation and outcome.</summary>
internal sealed class StoreMetrics(IMeterFactory meters) : ICallMetrics
{
    private readonly Histogram<double> _duration = meters.Create(Instrumentation.Name).CreateHistogram("occi.store.operation.duration", "s",
        "Calls on the entity store, by operation and outcome", advice: Instrumentation.LatencyAdvice);

    public void Record(string operation, long startedTimestamp, Exception? error) =>
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("occi.store.operation", operation), new KeyValuePair<string, object?>("outcome", CallOutcome.Of(error)));
}
