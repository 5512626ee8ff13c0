using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded;

/// <summary>
/// The embedded store's one SQLite file, <c>occi.db</c> in the data folder: opened once per process
/// (guarded by <see cref="DataFolderLock"/>), migrated on open, in WAL mode. Because one process owns the
/// file, every entity is also held in memory (<see cref="Entities"/>, loaded at open) and entity reads never
/// touch SQLite. Writes are serialised by one in-process gate and go through one long-lived connection
/// with prepared statements (<see cref="WriterConnection"/>), so they never spin on SQLITE_BUSY; each
/// commits to SQLite before the in-memory view changes.
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    public const string FileName = "occi.db";

    private readonly DataFolderLock _lock;
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly WriterConnection _writer;
    private readonly WalCheckpointer _checkpointer;
    private int _disposed;

    private EmbeddedDatabase(string folder, DataFolderLock folderLock, bool durableCommits, TimeSpan checkpointInterval)
    {
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
        _checkpointer = new WalCheckpointer(() => OpenConnection(), checkpointInterval);
        DurableCommits = durableCommits;
    }

    public string Folder { get; }

    /// <summary>Whether commits are forced to the disk (fsync), so they survive power loss too.</summary>
    public bool DurableCommits { get; }
    public string FilePath { get; }

    /// <summary>Every stored entity, in memory; equal to the file (see <see cref="EntityView"/>).</summary>
    internal EntityView Entities { get; private set; } = null!;

    /// <summary>Locks the folder, creates or migrates the file, turns on WAL, loads every entity into memory. Throws when another process holds the folder.</summary>
    public static EmbeddedDatabase Open(EmbeddedStoreOptions options)
    {
        var folder = Path.GetFullPath(options.DataPath);
        Directory.CreateDirectory(folder);
        var folderLock = DataFolderLock.Acquire(folder);
        EmbeddedDatabase? db = null;
        try
        {
            db = new EmbeddedDatabase(folder, folderLock, options.DurableCommits, options.CheckpointInterval);
            var connection = db._writer.Connection;
            using (var wal = connection.CreateCommand())
            {
                // journal_mode is stored in the file: set once, it holds for every later connection.
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)wal.ExecuteScalar();
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"SQLite refused WAL mode for {db.FilePath} (journal_mode is {mode})");
            }
            SchemaMigrations.Apply(connection);
            db.Entities = EntityView.Load(connection);
            return db;
        }
        catch
        {
            if (db is not null)
            {
                db._checkpointer.Dispose();
                db._writer.Dispose();
            }
            folderLock.Dispose();
            throw;
        }
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

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Waits for the write gate, then begins an IMMEDIATE transaction on the writer connection.</summary>
    internal async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            return new WriteScope(_writer, _writeGate, _checkpointer);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    /// <summary>Waits for a write in progress to finish, then closes the writer (which checkpoints the WAL) and frees the folder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _writeGate.Wait();
        try
        {
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
