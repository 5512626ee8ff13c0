namespace Occi.Backends.OpenStack.Changes;

/// <summary>
/// The gateway's own writes to the cloud while they are in flight (every call but a GET or HEAD: creates, deletes,
/// actions), so that <see cref="ChangeFollower"/> starts a listing after them rather than beside them. A service that
/// serves one request at a time (nova-api with one worker, as on the loopback OpenStack) makes a write that meets a
/// listing wait for it: 30–60 ms more on a 40 ms delete (issue 15). The wait is bounded by the follower, so a steady
/// stream of writes cannot hold the read cache's freshness off for longer than that bound.
/// </summary>
internal sealed class WritesInFlight
{
    private readonly Lock _lock = new();
    private int _count;
    private TaskCompletionSource? _quiet;

    /// <summary>Writes now in flight.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    /// <summary>Whether a listing has waited for the writes in flight since they were last all done.</summary>
    public bool HasWaiter
    {
        get
        {
            lock (_lock) return _quiet is not null;
        }
    }

    /// <summary>Counts a write until the scope is disposed.</summary>
    public Scope Enter()
    {
        lock (_lock) _count++;
        return new Scope(this);
    }

    /// <summary>Completes once no write is in flight, or when <paramref name="bound"/> has passed on <paramref name="time"/>.</summary>
    public async Task QuietAsync(TimeSpan bound, TimeProvider time, CancellationToken ct)
    {
        Task quiet;
        lock (_lock)
        {
            if (_count == 0) return;
            quiet = (_quiet ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        try
        {
            await quiet.WaitAsync(bound, time, ct);
        }
        catch (TimeoutException)
        {
            // Writes still in flight after the bound: the listing goes anyway, or the cache would age past its bound.
        }
    }

    private void Leave()
    {
        TaskCompletionSource? quiet = null;
        lock (_lock)
        {
            if (--_count == 0) (quiet, _quiet) = (_quiet, null);
        }
        quiet?.TrySetResult();
    }

    /// <summary>One write in flight; the default scope (no write counted) disposes to nothing.</summary>
    public readonly struct Scope(WritesInFlight? writes) : IDisposable
    {
        public void Dispose() => writes?.Leave();
    }
}
