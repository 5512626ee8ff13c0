namespace Occi.Server.Telemetry;

/// <summary>
/// The labels of a call that succeeded, one set per operation, made the first time the operation is seen: the
/// calls under every request (a GET's store read and backend refresh) then hand their histogram labels it has
/// already, building and allocating nothing. Failures are rare and build theirs (the error kind varies).
/// </summary>
internal sealed class OkCallLabels(string operationKey, KeyValuePair<string, object?>[] fixedLabels)
{
    /// <summary>Copied on write: read without a lock; operations are a handful of literals, so it stops growing at once.</summary>
    private volatile (string Operation, KeyValuePair<string, object?>[] Labels)[] _known = [];

    private readonly Lock _adding = new();

    /// <param name="operation">A literal ("get", "refresh"): found by reference first, by value otherwise.</param>
    public KeyValuePair<string, object?>[] For(string operation)
    {
        var known = _known;
        foreach (var (o, labels) in known)
            if (ReferenceEquals(o, operation)) return labels;
        foreach (var (o, labels) in known)
            if (o == operation) return labels;
        return Add(operation);
    }

    /// <summary>The labels of a failed call: the fixed ones, the operation and the error kind.</summary>
    public KeyValuePair<string, object?>[] Failed(string operation, string outcome) =>
        [.. fixedLabels, new(operationKey, operation), new("outcome", outcome)];

    private KeyValuePair<string, object?>[] Add(string operation)
    {
        KeyValuePair<string, object?>[] labels = [.. fixedLabels, new(operationKey, operation), new("outcome", CallOutcome.Ok)];
        lock (_adding) _known = [.. _known, (operation, labels)];
        return labels;
    }
}
