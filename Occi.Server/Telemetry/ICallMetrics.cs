namespace Occi.Server.Telemetry;

/// <summary>Where a call to the cloud or the store is recorded (<see cref="TimedCalls"/> decides which of the two ways).</summary>
internal interface ICallMetrics
{
    /// <summary>A call that waited, failed or took <see cref="Instrumentation.ImmediateBound"/> or longer: timed.</summary>
    /// <param name="operation">A fixed label ("refresh", "get"): never an id, so the series stay few.</param>
    /// <param name="error">Null when the call succeeded.</param>
    void Record(string operation, TimeSpan elapsed, Exception? error);

    /// <summary>A call answered at once (<see cref="ImmediateAnswers"/>): counted only.</summary>
    void CountImmediate(string operation);
}
