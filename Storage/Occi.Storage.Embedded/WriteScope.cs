namespace Occi.Storage.Embedded;

/// <summary>
/// One write transaction on the <see cref="WriterConnection"/>, held by whoever owns the connection gate
/// (the journal's applier, or a category write). The transaction begins with the first statement (a write
/// refused by its checks touches no file); disposing without <see cref="Commit"/> rolls back, then releases.
/// Statements run synchronously: SQLite does its I/O on the calling thread anyway, and a write never
/// stops half-way for a cancellation.
/// <para>BEGIN, COMMIT and ROLLBACK are prepared statements of the writer connection, like every other:
/// <see cref="Microsoft.Data.Sqlite.SqliteConnection.BeginTransaction()"/> would compile "BEGIN" and "COMMIT" again for every write.</para>
/// </summary>
internal sealed class WriteScope : IDisposable
{
    private readonly WriterConnection _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly Action _release;
    private bool _begun;
    private bool _committed;

    public WriteScope(WriterConnection writer, WalCheckpointer checkpointer, Action release)
    {
        _writer = writer;
        _checkpointer = checkpointer;
        _release = release;
    }

    public WriterConnection Writer
    {
        get
        {
            if (!_begun)
            {
                _writer.Statement("BEGIN IMMEDIATE", []).ExecuteNonQuery();
                _begun = true;
            }
            return _writer;
        }
    }

    /// <summary>A prepared statement in this transaction; set its parameters' values by position, then execute.</summary>
    public Microsoft.Data.Sqlite.SqliteCommand Statement(string sql, params ReadOnlySpan<string> parameterNames) =>
        Writer.Statement(sql, parameterNames);

    /// <summary>Commits: once this returns, the write is in the WAL.</summary>
    public void Commit()
    {
        if (_begun)
        {
            _writer.Statement("COMMIT", []).ExecuteNonQuery();
            _checkpointer.NoteCommit();
        }
        _committed = true;
    }

    public void Dispose()
    {
        try
        {
            if (_begun && !_committed && !_writer.Connection.IsAutocommit()) _writer.Statement("ROLLBACK", []).ExecuteNonQuery();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            _writer.Reset(); // SQLite may have ended the transaction itself (an I/O error): start afresh
        }
        finally
        {
            _release();
        }
    }
}
