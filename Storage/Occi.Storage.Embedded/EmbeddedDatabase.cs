using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded;

/// <summary>
/// The embedded store's one SQLite file, <c>occi.db</c> in the data folder: opened once per process
/// (guarded by <see cref="DataFolderLock"/>), migrated on open, in WAL mode so readers never wait for the
/// writer. Every operation takes its own connection from Microsoft.Data.Sqlite's pool; writes are
/// serialised by one in-process gate (a single process owns the file), so they never spin on SQLITE_BUSY.
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    public const string FileName = "occi.db";

    private readonly DataFolderLock _lock;
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _disposed;

    private EmbeddedDatabase(string folder, DataFolderLock folderLock, bool durableCommits)
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
        // synchronous is per connection, so every opened connection sets it (cheap: no I/O).
        _connectionPragmas = $"PRAGMA synchronous = {(durableCommits ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 30000;";
    }

    public string Folder { get; }
    public string FilePath { get; }

    /// <summary>Locks the folder, creates or migrates the file, turns on WAL. Throws when another process holds the folder.</summary>
    public static EmbeddedDatabase Open(EmbeddedStoreOptions options)
    {
        var folder = Path.GetFullPath(options.DataPath);
        Directory.CreateDirectory(folder);
        var folderLock = DataFolderLock.Acquire(folder);
        try
        {
            var db = new EmbeddedDatabase(folder, folderLock, options.DurableCommits);
            using var connection = db.OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                // journal_mode is stored in the file: set once, it holds for every later connection.
                wal.CommandText = "PRAGMA journal_mode = WAL";
                var mode = (string?)wal.ExecuteScalar();
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"SQLite refused WAL mode for {db.FilePath} (journal_mode is {mode})");
            }
            SchemaMigrations.Apply(connection);
            return db;
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = _connectionPragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
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

    /// <summary>Waits for the write gate, then opens a connection and an IMMEDIATE transaction.</summary>
    internal async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteConnection? connection = null;
        try
        {
            connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new WriteScope(connection, tx, _writeGate);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
            _writeGate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        _lock.Dispose();
    }
}
