using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded;

/// <summary>
/// One write transaction on the <see cref="WriterConnection"/>, holding the write gate. The transaction
/// begins with the first statement (a write refused by its checks touches no file); disposing without
/// <see cref="Commit"/> rolls back. Statements run synchronously: SQLite does its I/O on the calling thread
/// anyway, and a write never stops half-way for a cancellation.
/// </summary>
internal sealed class WriteScope : IDisposable
{
    private readonly WriterConnection _writer;
    private SqliteTransaction? _transaction;
    private readonly SemaphoreSlim _gate;
    private bool _committed;

    public WriteScope(WriterConnection writer, SemaphoreSlim gate)
    {
        _writer = writer;
        _gate = gate;
    }

    /// <summary>A prepared statement enlisted in this transaction; set its parameters' values by position, then execute.</summary>
    public SqliteCommand Statement(string sql, params ReadOnlySpan<string> parameterNames)
    {
        _transaction ??= _writer.Connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE
        return _writer.Statement(sql, parameterNames, _transaction);
    }

    /// <summary>Commits: once this returns, the write is in the WAL.</summary>
    public void Commit()
    {
        _transaction?.Commit();
        _committed = true;
    }

    public void Dispose()
    {
        try
        {
            if (_transaction is null) return;
            if (!_committed) _transaction.Rollback();
            _transaction.Dispose();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            _writer.Reset(); // SQLite may have ended the transaction itself (an I/O error): start afresh
        }
        finally
        {
            _gate.Release();
        }
    }
}
