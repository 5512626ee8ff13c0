namespace Occi.Storage.Embedded;

/// <summary>
/// The thread that writes the view's snapshot while the store runs (issue 13: without one, an open after a crash
/// parsed every document in SQLite, 16 s at a million computes). A write that grows the journal past the bound asks
/// for one (<see cref="Request"/>, cheap: the request path only sets an event); the thread then takes the view under
/// the write gate, which holds writes for the time of listing it (no copy of any entity: stored entities never
/// change), and writes the file with writes going on. Stopping cancels a snapshot being written: the close writes
/// its own.
/// </summary>
internal sealed class BackgroundSnapshots : IDisposable
{
    private readonly Action<CancellationToken> _write;
    private readonly ManualResetEventSlim _requested = new(false);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;

    /// <param name="write">Takes the view and writes it; called on the thread, one at a time.</param>
    public BackgroundSnapshots(Action<CancellationToken> write)
    {
        _write = write;
        // Normal priority: it holds the write gate while it lists the view, and a lower one would keep writers waiting longer.
        _thread = new Thread(Run) { IsBackground = true, Name = "OCCI view snapshots" };
        _thread.Start();
    }

    /// <summary>Asks for a snapshot; one asked for while another is written is written after it.</summary>
    public void Request() => _requested.Set();

    private void Run()
    {
        var stop = _stopping.Token;
        while (true)
        {
            _requested.Wait();
            if (stop.IsCancellationRequested) return;
            _requested.Reset();
            _write(stop);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _requested.Set();
        _thread.Join();
        _requested.Dispose();
        _stopping.Dispose();
    }
}
