using Microsoft.Extensions.Logging;

namespace Occi.Storage.Embedded;

/// <summary>
/// Moves journaled writes into SQLite off the request path: a thread of its own wakes when a write is
/// queued, lets more gather for a moment, applies them all in one transaction, and deletes journal
/// segments SQLite now fully holds. One commit for many writes is what makes a write cheap: the request
/// only appended a line. When SQLite refuses (a full disk, an I/O error), the writes stay queued and in the
/// journal, acknowledged and readable; the applier backs off and tries again, and <see cref="Failure"/>
/// says why for the health check. Stopping applies what is left.
/// </summary>
internal sealed class JournalApplier : IDisposable
{
    private const int MaxBatch = 2048;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100), LastRetry = TimeSpan.FromSeconds(10);

    private readonly Func<WriteScope> _beginWrite;
    private readonly EntityJournal _journal;
    private readonly TimeSpan _gather;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly object _lock = new();
    private readonly Queue<(EntityChange[] Changes, JournalLine Line)> _pending = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly ManualResetEventSlim _stopping = new(false);
    private readonly ManualResetEventSlim _due = new(false); // set by the gather or back-off timer, and by stopping
    private readonly Thread? _thread;
    private volatile Exception? _failure;

    /// <param name="gather">How long a woken applier waits for more writes; <see cref="Timeout.InfiniteTimeSpan"/> runs no thread (tests apply by hand).</param>
    /// <param name="clock">Measures the gather and the back-off.</param>
    public JournalApplier(Func<WriteScope> beginWrite, EntityJournal journal, TimeSpan gather, TimeProvider clock, ILogger log)
    {
        _beginWrite = beginWrite;
        _journal = journal;
        _gather = gather;
        _clock = clock;
        _log = log;
        if (gather == Timeout.InfiniteTimeSpan) return;
        _thread = new Thread(Run) { IsBackground = true, Name = "OCCI journal applier" };
        _thread.Start();
    }

    /// <summary>Why the last attempt to apply failed, or null once one succeeded.</summary>
    public Exception? Failure => _failure;

    /// <summary>Writes journaled but not yet in SQLite.</summary>
    public int Pending
    {
        get { lock (_lock) return _pending.Count; }
    }

    /// <summary>Queues a write the journal holds (at <paramref name="line"/>); called in journal order, under the write gate.</summary>
    public void Enqueue(EntityChange[] changes, JournalLine line)
    {
        lock (_lock) _pending.Enqueue((changes, line));
        _wake.Set(); // cheap while already set: the thread is gathering, not waiting on it
    }

    private void Run()
    {
        var retry = TimeSpan.Zero;
        while (true)
        {
            _wake.Wait();
            if (StoppedWithin(retry == TimeSpan.Zero ? _gather : retry)) return;
            _wake.Reset();
            if (ApplyPending())
            {
                retry = TimeSpan.Zero;
                if (Pending > 0) _wake.Set();
            }
            else
            {
                retry = retry == TimeSpan.Zero ? FirstRetry : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                _wake.Set();
            }
        }
    }

    /// <summary>Waits <paramref name="wait"/> on the clock; true when stopping cut it short (or came first).</summary>
    private bool StoppedWithin(TimeSpan wait)
    {
        _due.Reset();
        if (_stopping.IsSet) return true; // after the reset: a stop from here on sets _due again
        using (_clock.CreateTimer(static due => ((ManualResetEventSlim)due!).Set(), _due, wait, Timeout.InfiniteTimeSpan))
            _due.Wait();
        return _stopping.IsSet;
    }

    /// <summary>Applies up to <see cref="MaxBatch"/> queued writes in one transaction; false when SQLite refused (they stay queued).</summary>
    public bool ApplyPending()
    {
        var applied = 0;
        try
        {
            // The connection gate first: two callers (the thread and a test) must not apply the same writes twice.
            using (var write = _beginWrite())
            {
                (EntityChange[] Changes, JournalLine Line)[] batch;
                lock (_lock) batch = _pending.Take(MaxBatch).ToArray();
                if (batch.Length == 0) return true;
                foreach (var (changes, _) in batch)
                    foreach (var change in changes) EntityRows.Apply(write.Writer, change);
                EntityRows.MarkApplied(write.Writer, batch[^1].Line);
                write.Commit();
                applied = batch.Length;
            }
        }
        catch (Exception e) // whatever it is, the writes stay queued and journaled; a thrown exception would end the process
        {
            if (_failure is null)
                _log.LogError(e, "SQLite refused {Count} journaled writes; they stay in the journal and are tried again", Pending);
            _failure = e;
            return false;
        }
        long oldestNeeded;
        lock (_lock)
        {
            for (var i = 0; i < applied; i++) _pending.Dequeue();
            // With nothing queued, a write not queued yet may still land in the current segment (it is
            // appended before it is queued, and segments close after): only older ones may go.
            oldestNeeded = _pending.TryPeek(out var next) ? next.Line.Segment : _journal.CurrentSegment;
        }
        if (_failure is not null) _log.LogInformation("The embedded store applies journaled writes to SQLite again");
        _failure = null;
        try
        {
            _journal.DeleteClosedBefore(oldestNeeded);
        }
        catch (IOException e)
        {
            _log.LogWarning(e, "A journal segment SQLite fully holds could not be deleted; it is tried again after the next batch");
        }
        return true;
    }

    /// <summary>Applies every queued write, batch after batch; false when SQLite refused one (the rest stay queued).</summary>
    public bool ApplyAll()
    {
        while (Pending > 0)
            if (!ApplyPending()) return false;
        return true;
    }

    /// <summary>Stops the thread, then applies every write still queued; true when none is left (the journal may go).</summary>
    public bool Drain()
    {
        StopThread();
        return ApplyAll();
    }

    private void StopThread()
    {
        _stopping.Set();
        _due.Set();
        _wake.Set();
        _thread?.Join();
    }

    public void Dispose()
    {
        StopThread();
        _wake.Dispose();
        _stopping.Dispose();
        _due.Dispose();
    }
}
