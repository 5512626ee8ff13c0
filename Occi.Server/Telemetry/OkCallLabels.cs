namespace Occi.Server.Telemetry;

/// <summary>
/// The labels of a call that succeeded, one set per operation (<see cref="PerOperation{T}"/>): a timed call that
/// succeeds builds and allocates nothing for its record. Failures are rare and build theirs (the error kind varies).
/// </summary>
internal sealed class OkCallLabels(string operationKey, KeyValuePair<string, object?>[] fixedLabels)
{
    private readonly PerOperation<KeyValuePair<string, object?>[]> _ok =
        new(operation => [.. fixedLabels, new(operationKey, operation), new("outcome", CallOutcome.Ok)]);

    /// <param name="operation">A literal ("get", "refresh").</param>
    public KeyValuePair<string, object?>[] For(string operation) => _ok.For(operation);

    /// <summary>The labels of a failed call: the fixed ones, the operation and the error kind.</summary>
    public KeyValuePair<string, object?>[] Failed(string operation, string outcome) =>
        [.. fixedLabels, new(operationKey, operation), new("outcome", outcome)];
}
