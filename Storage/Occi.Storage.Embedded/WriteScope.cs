using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded;

/// <summary>One write transaction holding the write gate; disposing without commit rolls back.</summary>
internal sealed class WriteScope(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;
    public SqliteTransaction Transaction { get; } = transaction;

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
