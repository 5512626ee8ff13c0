namespace Occi.Server.Telemetry;

/// <summary>Where a timed call to the cloud or the store is recorded: its operation, when it started, and how it ended.</summary>
internal interface ICallMetrics
{
    /// <param name="operation">A fixed label ("refresh", "get"): never an id, so the series stay few.</param>
    /// <param name="error">Null when the call succeeded.</param>
    void Record(string operation, long startedTimestamp, Exception? error);
}
