namespace Occi.Server.Telemetry;

/// <summary>
/// One value per call operation ("get", "refresh"), made the first time the operation is seen and found again without
/// a lock or an allocation: the calls under every request (a GET's store read and backend refresh) hand over what was
/// made for them already.
/// </summary>
internal sealed class PerOperation<T>(Func<string, T> make)
{
    /// <summary>Copied on write: read without a lock; operations are a handful of literals, so it stops growing at once.</summary>
    private volatile (string Operation, T Value)[] _known = [];

    private readonly Lock _adding = new();

    /// <summary>What was made so far, for a scrape (never on a request's path).</summary>
    public IEnumerable<T> Known => _known.Select(k => k.Value);

    /// <param name="operation">A literal: found by reference first, by value otherwise.</param>
    public T For(string operation)
    {
        var known = _known;
        foreach (var (o, value) in known)
            if (ReferenceEquals(o, operation)) return value;
        foreach (var (o, value) in known)
            if (o == operation) return value;
        return Add(operation);
    }

    private T Add(string operation)
    {
        lock (_adding)
        {
            // Another thread may have added it meanwhile: one value per operation, so a counter is never split.
            foreach (var (o, value) in _known)
                if (o == operation) return value;
            var made = make(operation);
            _known = [.. _known, (operation, made)];
            return made;
        }
    }
}
