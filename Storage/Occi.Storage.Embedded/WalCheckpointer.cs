using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded;

/// <summary>
/// Moves committed WAL pages into the database file off the request path. SQLite's own automatic
/// checkpoint runs inside whichever commit crosses 1,000 WAL pages, so every few hundred writes one
/// request paid for copying the pages and syncing the file (milliseconds). The writer connection turns
/// that off (<c>wal_autocheckpoint = 0</c>) and this runs a PASSIVE checkpoint on its own connection
/// about once a second while writes come in: it never blocks the writer, and once a checkpoint has
/// caught up the writer starts the WAL over, so the file stays small.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly Func<SqliteConnection> _open;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private SqliteConnection? _connection;
    private long _commits;
    private long _checkpointed;
    private bool _disposed;

    public WalCheckpointer(Func<SqliteConnection> open, TimeSpan period, TimeProvider clock)
    {
        _open = open;
        _timer = clock.CreateTimer(_ => Checkpoint(), null, period, period);
    }

    /// <summary>Called after every commit of the writer connection.</summary>
    public void NoteCommit() => Interlocked.Increment(ref _commits);

    /// <summary>Checkpoints when anything was committed since the last time; returns whether it ran.</summary>
    public bool Checkpoint()
    {
        lock (_gate)
        {
            var commits = Interlocked.Read(ref _commits);
            if (_disposed || commits == _checkpointed) return false;
            try
            {
                _connection ??= _open();
                using var command = _connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
                _checkpointed = commits;
                return true;
            }
            catch (SqliteException)
            {
                // Nothing is lost: the pages stay in the WAL, readable, and the next round tries again.
                _connection?.Dispose();
                _connection = null;
                return false;
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
    }
}
