using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>
/// occi.store.operation.duration (seconds): each call on the entity store, by operation and outcome; a call that
/// succeeds records with labels made once per operation (<see cref="OkCallLabels"/>).
/// </summary>
internal sealed class StoreMetrics(IMeterFactory meters) : ICallMetrics
{
    private readonly Histogram<double> _duration = meters.Create(Instrumentation.Name).CreateHistogram("occi.store.operation.duration", "s",
        "Calls on the entity store, by operation and outcome", advice: Instrumentation.LatencyAdvice);

    private readonly OkCallLabels _labels = new("occi.store.operation", []);

    public void Record(string operation, long startedTimestamp, Exception? error) =>
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            error is null ? _labels.For(operation) : _labels.Failed(operation, CallOutcome.Of(error)));
}
