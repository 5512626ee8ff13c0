using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>
/// occi.backend.call.duration (seconds) and occi.backend.call.errors: each call the gateway makes on the cloud
/// (each attempt, as Polly retries them), by backend, operation and outcome. A call that succeeds records with
/// labels made once per operation (<see cref="OkCallLabels"/>).
/// </summary>
internal sealed class BackendMetrics : ICallMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly OkCallLabels _labels;

    public BackendMetrics(IMeterFactory meters, string backend)
    {
        _labels = new OkCallLabels("occi.backend.operation", [new("occi.backend", backend)]);
        var meter = meters.Create(Instrumentation.Name);
        _duration = meter.CreateHistogram("occi.backend.call.duration", "s",
            "Calls on the cloud backend (each attempt), by backend, operation and outcome", advice: Instrumentation.LatencyAdvice);
        _errors = meter.CreateCounter<long>("occi.backend.call.errors", "{call}", "Calls on the cloud backend that failed, by backend, operation and error kind");
    }

    public void Record(string operation, long startedTimestamp, Exception? error)
    {
        var seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        if (error is null)
        {
            _duration.Record(seconds, _labels.For(operation));
            return;
        }
        var labels = _labels.Failed(operation, CallOutcome.Of(error));
        _duration.Record(seconds, labels);
        _errors.Add(1, labels);
    }
}
