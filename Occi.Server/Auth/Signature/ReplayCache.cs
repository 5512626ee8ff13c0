using System.Collections.Concurrent;

namespace Occi.Server.Auth.Signature;

/// <summary>
/// The signatures accepted within the window, each kept until its Date leaves the window (after which the request
/// is refused for its Date anyway). Bounded: when full of live entries it refuses new ones (fail closed) rather
/// than forgetting one that could then be replayed.
/// </summary>
internal sealed class ReplayCache(int capacity, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _purge = new();
    private int _count;

    public enum Outcome { Accepted, Replayed, Full }

    /// <summary>Records the signature until <paramref name="expires"/>; Replayed when it is already recorded and not yet expired.</summary>
    public Outcome TryUse(string signature, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        if (_seen.TryGetValue(signature, out var until) && until > now) return Outcome.Replayed;
        if (Volatile.Read(ref _count) >= capacity && !Purge(now)) return Outcome.Full;
        if (_seen.TryAdd(signature, expires))
        {
            Interlocked.Increment(ref _count);
            return Outcome.Accepted;
        }
        // Present: a concurrent twin was just accepted, or an expired entry is still there (renewed in place).
        var renewed = _seen.TryGetValue(signature, out until) && until <= now && _seen.TryUpdate(signature, expires, until);
        return renewed ? Outcome.Accepted : Outcome.Replayed;
    }

    /// <summary>Drops expired entries; true when there is room afterwards.</summary>
    private bool Purge(DateTimeOffset now)
    {
        lock (_purge)
        {
            foreach (var (signature, until) in _seen)
                if (until <= now && _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(signature, until)))
                    Interlocked.Decrement(ref _count);
            return Volatile.Read(ref _count) < capacity;
        }
    }
}
