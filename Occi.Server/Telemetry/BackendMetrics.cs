using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>
/// occi.backend.call.duration (seconds) and occi.backend.call.errors: each call the gateway makes on the cloud
/// (each attempt, as Polly retries them), by backend, operation and outcome. A call that succeeds records with
/// labels made once per operation (<see cref="OkCallLabels"/>). occi.backend.call.immediate: the calls the backend
/// answered at once from what it holds (the Local backend, a read cache), which asked no cloud (<see cref="ImmediateAnswers"/>).
/// </summary>
internal sealed class BackendMetrics : ICallMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly OkCallLabels _labels;
    private readonly ImmediateSeries _immediate;

    /// <param name="immediate">The one occi.backend.call.immediate counter, which this backend's series join.</param>
    public BackendMetrics(IMeterFactory meters, string backend, ImmediateAnswers immediate)
    {
        KeyValuePair<string, object?>[] named = [new("occi.backend", backend)];
        _labels = new OkCallLabels("occi.backend.operation", named);
        _immediate = immediate.Series("occi.backend.operation", named);
        var meter = meters.Create(Instrumentation.Name);
        _duration = meter.CreateHistogram("occi.backend.call.duration", "s",
            "Calls on the cloud backend (each attempt), by backend, operation and outcome", advice: Instrumentation.LatencyAdvice);
        _errors = meter.CreateCounter<long>("occi.backend.call.errors", "{call}", "Calls on the cloud backend that failed, by backend, operation and error kind");
    }

    public void Record(string operation, TimeSpan elapsed, Exception? error)
    {
        var seconds = elapsed.TotalSeconds;
        if (error is null)
        {
            _duration.Record(seconds, _labels.For(operation));
            return;
        }
        var labels = _labels.Failed(operation, CallOutcome.Of(error));
        _duration.Record(seconds, labels);
        _errors.Add(1, labels);
    }

    public void CountImmediate(string operation) => _immediate.Count(operation);
}
