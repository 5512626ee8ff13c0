using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>
/// occi.store.operation.duration (seconds): each call on the entity store that waited (a write's journal, MongoDB),
/// failed or took <see cref="Instrumentation.ImmediateBound"/> or longer (a large listing), by operation and outcome;
/// a call that succeeds records with labels made once per operation (<see cref="OkCallLabels"/>).
/// occi.store.operation.immediate: the calls answered at once from the store's memory (<see cref="ImmediateAnswers"/>).
/// </summary>
internal sealed class StoreMetrics : ICallMetrics
{
    private readonly Histogram<double> _duration;
    private readonly OkCallLabels _labels = new("occi.store.operation", []);
    private readonly ImmediateSeries _immediate;

    public StoreMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Instrumentation.Name);
        _duration = meter.CreateHistogram("occi.store.operation.duration", "s",
            "Calls on the entity store that waited, failed or took 0.1 ms or more, by operation and outcome", advice: Instrumentation.LatencyAdvice);
        _immediate = new ImmediateAnswers(meters, "occi.store.operation.immediate",
            "Calls on the entity store answered at once from its memory (under 0.1 ms), by operation").Series("occi.store.operation", []);
    }

    public void Record(string operation, TimeSpan elapsed, Exception? error) =>
        _duration.Record(elapsed.TotalSeconds, error is null ? _labels.For(operation) : _labels.Failed(operation, CallOutcome.Of(error)));

    public void CountImmediate(string operation) => _immediate.Count(operation);
}
