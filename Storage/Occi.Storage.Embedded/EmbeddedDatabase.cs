using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Occi.Journal;

namespace Occi.Storage.Embedded;

/// <summary>
/// The embedded store's one SQLite file, <c>occi.db</c> in the data folder: opened once per process
/// (guarded by <see cref="DataFolderLock"/>), migrated on open, in WAL mode. Because one process owns the
/// file, every entity is also held in memory (<see cref="Entities"/>, loaded at open) and entity reads never
/// touch SQLite.
/// <para>Entity writes are serialised by the write gate and acknowledged once their line is in the redo
/// journal (<see cref="EntityJournal"/>); the in-memory view changes right after, and the
/// <see cref="JournalApplier"/> moves them into SQLite in batches. Opening replays what a previous run
/// journaled but did not apply. So the file plus the journal always equal the view, and so does the view's
/// snapshot plus the journal from its cut (<see cref="ViewSnapshot"/>, written in the background by
/// <see cref="BackgroundSnapshots"/> and on a clean close), which is what an open reads. Category writes go
/// straight to SQLite. Both use one long-lived writer connection with prepared statements
/// (<see cref="WriterConnection"/>), guarded by a connection gate of its own.</para>
/// </summary>
internal sealed class EmbeddedDatabase : IDisposable
{
    public const string FileName = "occi.db";

    private readonly FolderLock _lock;
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);      // the order of writes: checks, journal, view
    private readonly SemaphoreSlim _connectionGate = new(1, 1); // the writer connection
    private readonly WriterConnection _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly ILogger _log;

    /// <summary>How many journaled writes the open replayed onto the view, and how long that took (its log line).</summary>
    private int _replayed;
    private TimeSpan _replayApply;
    private EntityJournal _journal = null!;
    private JournalApplier _applier = null!;
    private BackgroundSnapshots? _snapshots;
    private long _snapshotJournalBytes;
    private string _fileName = null!;
    private long _snapshotFrom = long.MaxValue; // the journal cut of the snapshot in place; none: MaxValue
    private int _disposed;

    private EmbeddedDatabase(string folder, FolderLock folderLock, bool durableCommits, TimeSpan checkpointInterval, TimeProvider clock, ILogger log)
    {
        _log = log;
        Folder = folder;
        FilePath = Path.Combine(folder, FileName);
        _lock = folderLock;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // synchronous is per connection, so every opened connection sets it (cheap: no I/O). In WAL mode
        // NORMAL never corrupts the file and keeps every commit across a process kill; only an OS crash or
        // power loss may lose the last commits. FULL also fsyncs the WAL on every commit.
        _connectionPragmas = $"PRAGMA synchronous = {(durableCommits ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 30000;";
        // The writer leaves checkpoints to the WalCheckpointer, so no commit pays for one.
        _writer = new WriterConnection(() => OpenConnection("PRAGMA wal_autocheckpoint = 0;"));
        _checkpointer = new WalCheckpointer(() => OpenConnection(), checkpointInterval, clock);
        DurableCommits = durableCommits;
    }

    public string Folder { get; }

    /// <summary>Whether commits are forced to the disk (fsync), so they survive power loss too.</summary>
    public bool DurableCommits { get; }
    public string FilePath { get; }

    /// <summary>Where the view was read from at open: "SQLite", or the snapshot's file name (<see cref="ViewSnapshot"/>).</summary>
    internal string ViewSource { get; private set; } = "";

    private string SnapshotPath => Path.Combine(Folder, ViewSnapshot.FileName);

    /// <summary>Every stored entity, in memory; equal to the file (see <see cref="EntityView"/>).</summary>
    internal EntityView Entities { get; private set; } = null!;

    /// <summary>
    /// Locks the folder, creates or migrates the file, turns on WAL, replays journaled writes a previous run
    /// did not apply, loads every entity into memory. Throws when another process holds the folder.
    /// </summary>
    /// <param name="clock">Paces the journal applier and the WAL checkpoints; the system clock when null.</param>
    public static EmbeddedDatabase Open(EmbeddedStoreOptions options, ILoggerFactory? loggers = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var folder = Path.GetFullPath(options.DataPath);
        Directory.CreateDirectory(folder);
        var folderLock = DataFolderLock.Acquire(folder);
        EmbeddedDatabase? db = null;
        try
        {
            db = new EmbeddedDatabase(folder, folderLock, options.DurableCommits, options.CheckpointInterval, clock,
                loggers?.CreateLogger<EmbeddedDatabase>() ?? NullLogger<EmbeddedDatabase>.Instance);
            var connection = db._writer.Connection;
            using (var wal = connection.CreateCommand())
            {
                // journal_mode is stored in the file: set once, it holds for every later connection.
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)wal.ExecuteScalar();
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"SQLite refused WAL mode for {db.FilePath} (journal_mode is {mode})");
            }
            SchemaMigrations.Apply(connection, clock);
            db._journal = EntityJournal.Open(folder, options);
            db._fileName = EntityRows.ReadFileName(connection);
            var applied = EntityRows.ReadApplied(connection);
            db._journal.ContinueFrom(applied.Segment + 1); // a line number the rows hold is never written again
            // The snapshot a close or the background left, if it is this file's: the journal from its cut goes onto it.
            var opening = Stopwatch.GetTimestamp();
            var paused = GC.GetTotalPauseDuration();
            var snapshot = ViewSnapshot.Load(db.SnapshotPath, db._fileName, db._log);
            if (snapshot is { } taken)
            {
                db._snapshotFrom = taken.JournalFrom;
                db._journal.ContinueAfterSnapshot(taken.JournalFrom);
            }
            var view = snapshot?.View ?? EntityView.Load(connection);
            var viewLoaded = Stopwatch.GetElapsedTime(opening);
            var unapplied = db.Replay(view, snapshot?.JournalFrom ?? long.MaxValue, applied);
            // Where an open's time goes (issue 13: a crash's restart at a million entities), one line per open.
            db._log.LogInformation("Opened in {Seconds:0.00} s: the view from {Source} {ViewSeconds:0.00} s, the journal read {ReadSeconds:0.00} s, "
                + "decoded {DecodeSeconds:0.00} s, {Writes} writes applied to the view {ApplySeconds:0.00} s; collections paused it {PausedSeconds:0.00} s in all",
                Stopwatch.GetElapsedTime(opening).TotalSeconds, snapshot is null ? "SQLite" : "the snapshot", viewLoaded.TotalSeconds,
                db._journal.LastRead.Read.TotalSeconds, db._journal.LastRead.Decode.TotalSeconds, db._replayed, db._replayApply.TotalSeconds,
                (GC.GetTotalPauseDuration() - paused).TotalSeconds);
            db.Entities = view;
            db.ViewSource = snapshot is null ? "SQLite" : ViewSnapshot.FileName;
            db._applier = new JournalApplier(db.BeginApply, db._journal, options.JournalGather, clock,
                loggers?.CreateLogger<JournalApplier>() ?? NullLogger<JournalApplier>.Instance);
            foreach (var (line, changes) in unapplied) db._applier.Enqueue(changes, line);
            db._snapshotJournalBytes = options.SnapshotJournalBytes;
            if (db._snapshotJournalBytes > 0) db._snapshots = new BackgroundSnapshots(db.WriteSnapshotWhileRunning);
            return db;
        }
        catch
        {
            if (db is not null)
            {
                db._journal?.Dispose();
                db._checkpointer.Dispose();
                db._writer.Dispose();
            }
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replays the journal a previous run left onto <paramref name="view"/>: from the snapshot's cut
    /// (<paramref name="journalFrom"/>) when the view was read from one, else from the line after those the rows hold
    /// (<paramref name="applied"/>), as the view was loaded from them. Returns the writes the rows do not hold, for the
    /// applier to move into SQLite as it does every write (issue 13: replayed into SQLite before the open answered,
    /// the 80,000 writes a loaded machine's applier lagged behind took most of the open's time); their segments stay
    /// until it has. The segments nothing needs any more go.
    /// </summary>
    private List<(JournalLine Line, EntityChange[] Changes)> Replay(EntityView view, long journalFrom, JournalLine applied)
    {
        var log = _log;
        // Read from the first line either needs: the rows' next line, or the start of the snapshot's cut.
        var ontoView = journalFrom <= applied.Segment ? new JournalLine(journalFrom, 0) : applied;
        var writes = _journal.ReadExisting(ontoView);
        if (_journal.SkippedLines > 0)
            log.LogWarning("{Count} journal lines cut short by a crash were skipped (their writes were never acknowledged)", _journal.SkippedLines);
        var onto = 0;
        var applying = Stopwatch.GetTimestamp();
        foreach (var (line, changes) in writes)
            if (journalFrom == long.MaxValue ? !applied.Holds(line) : line.Segment >= journalFrom) // what the view does not hold
            {
                foreach (var change in changes) view.Apply(change);
                onto++;
            }
        (_replayed, _replayApply) = (onto, Stopwatch.GetElapsedTime(applying));
        var unapplied = writes.FindIndex(w => !applied.Holds(w.Line));
        if (onto > 0)
            log.LogInformation("Replayed {Count} journaled writes onto the view; {Unapplied} of them go on to SQLite", onto, unapplied < 0 ? 0 : writes.Count - unapplied);
        _journal.DeleteClosedBefore(unapplied < 0 ? long.MaxValue : writes[unapplied].Line.Segment);
        return unapplied < 0 ? [] : writes[unapplied..];
    }

    private SqliteConnection OpenConnection(string extraPragmas = "")
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = _connectionPragmas + extraPragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = _connectionPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs the background checkpoint now; false when nothing was committed since the last one.</summary>
    internal bool Checkpoint() => _checkpointer.Checkpoint();

    /// <summary>Applies journaled writes to SQLite now (tests); false when SQLite refused.</summary>
    internal bool ApplyJournal() => _applier.ApplyAll();

    /// <summary>Entity writes acknowledged but not yet in SQLite.</summary>
    public int PendingWrites => _applier.Pending;

    /// <summary>Why SQLite last refused journaled writes, or null while it takes them.</summary>
    public Exception? ApplyFailure => _applier.Failure;

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Waits for the write gate: entity writes check, journal and change the view while holding it.</summary>
    internal async Task<WriteGate> LockWritesAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _disposed) != 0)
        {
            _writeGate.Release();
            ThrowIfDisposed();
        }
        return new WriteGate(_writeGate);
    }

    /// <summary>
    /// Journals one write (all of <paramref name="changes"/> or none): once this returns, the write survives a
    /// killed process and is queued for SQLite. Throws when the journal cannot take it. Hold the write gate.
    /// </summary>
    internal void Record(params EntityChange[] changes)
    {
        var line = _journal.Append(changes);
        _applier.Enqueue(changes, line);
        _journal.RotateIfLong();
        if (_snapshots is not null && _journal.BytesSinceCut >= _snapshotJournalBytes) _snapshots.Request();
    }

    /// <summary>A write straight to SQLite (user mixins): the write gate, then the connection.</summary>
    internal async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            await _connectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
        return new WriteScope(_writer, _checkpointer, () =>
        {
            _connectionGate.Release();
            _writeGate.Release();
        });
    }

    /// <summary>A transaction of the applier (or of replay): the connection only, so entity writes go on meanwhile.</summary>
    private WriteScope BeginApply()
    {
        _connectionGate.Wait();
        return new WriteScope(_writer, _checkpointer, () => _connectionGate.Release());
    }

    /// <summary>
    /// Under the write gate: cuts the journal and copies the view's entities, which then hold exactly the writes
    /// journaled before the cut (sorted later, by <see cref="WriteSnapshot"/>, without the gate). Until the snapshot is
    /// in place the journal keeps the segments the one in place needs, or, with none, those from this cut on.
    /// </summary>
    private (StoredEntity[] Entities, ViewSnapshot.Stamp Stamp) TakeView()
    {
        var from = _journal.Cut();
        _journal.KeepFrom(Math.Min(_snapshotFrom, from));
        return (Entities.Entities(), new ViewSnapshot.Stamp(_fileName, from));
    }

    /// <summary>
    /// Writes the view taken to the snapshot; true once it is in place (the journal before its cut may go when SQLite
    /// holds it). A snapshot that cannot be written only makes the next open slower; whether the old one is still in
    /// place then is not known (the rename may have happened), so it is deleted, or the journal kept for the older cut.
    /// </summary>
    private bool WriteSnapshot((StoredEntity[] Entities, ViewSnapshot.Stamp Stamp) taken, CancellationToken cancel)
    {
        try
        {
            ViewSnapshot.Write(SnapshotPath, EntityView.InLocationOrder(taken.Entities), taken.Stamp, cancel);
            _snapshotFrom = taken.Stamp.JournalFrom;
            _journal.KeepFrom(_snapshotFrom);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false; // not renamed into place: the one before still is, with the journal it needs
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning(e, "The view snapshot could not be written to {Folder}; the next start loads the view from SQLite", Folder);
        }
        try
        {
            File.Delete(SnapshotPath);
            _snapshotFrom = long.MaxValue;
            _journal.KeepFrom(long.MaxValue);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _snapshotFrom = Math.Min(_snapshotFrom, taken.Stamp.JournalFrom);
            _log.LogWarning(e, "The view snapshot {File} cannot be deleted; the journal is kept from its cut", SnapshotPath);
        }
        return false;
    }

    /// <summary>The background snapshot (<see cref="BackgroundSnapshots"/>): the view taken under the gate, written without it.</summary>
    private void WriteSnapshotWhileRunning(CancellationToken cancel)
    {
        (StoredEntity[], ViewSnapshot.Stamp) taken;
        _writeGate.Wait(CancellationToken.None);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (Volatile.Read(ref _disposed) != 0) return;
            taken = TakeView();
        }
        finally
        {
            _writeGate.Release();
        }
        var held = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (WriteSnapshot(taken, cancel))
            _log.LogInformation("View snapshot of {Count} entities written in {Seconds:0.00} s (writes held {HeldMs:0.0} ms to list them)",
                taken.Item1.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, held.TotalMilliseconds);
    }

    /// <summary>Writes a snapshot now, as the background does (tests); true once it is in place.</summary>
    internal bool WriteSnapshotNow()
    {
        (StoredEntity[], ViewSnapshot.Stamp) taken;
        _writeGate.Wait();
        try
        {
            ThrowIfDisposed();
            taken = TakeView();
        }
        finally
        {
            _writeGate.Release();
        }
        return WriteSnapshot(taken, CancellationToken.None);
    }

    /// <summary>
    /// Stops the background snapshots, waits for a write in progress to finish, applies every journaled write (then
    /// the view is written to its snapshot, and the journal goes), closes the writer (which checkpoints the WAL) and
    /// frees the folder. Writes SQLite still refuses stay in the journal for the next open.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _snapshots?.Dispose();
        _writeGate.Wait();
        try
        {
            if (_applier.Drain())
            {
                // SQLite holds every write: the journal goes, but for what a snapshot left in place still needs
                // (when this one could not be written and the old one not deleted).
                WriteSnapshot(TakeView(), CancellationToken.None);
                _journal.DeleteAll();
            }
            _applier.Dispose();
            _journal.Dispose();
            _checkpointer.Dispose();
            _writer.Dispose();
            using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        }
        finally
        {
            _writeGate.Release(); // writers waiting now see the store disposed
            _lock.Dispose();
        }
    }
}

/// <summary>The held write gate; disposing releases it.</summary>
internal readonly struct WriteGate(SemaphoreSlim gate) : IDisposable
{
    public void Dispose() => gate.Release();
}
