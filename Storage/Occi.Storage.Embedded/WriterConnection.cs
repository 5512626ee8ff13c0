using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Occi.Storage.Embedded;

/// <summary>
/// The one connection every write goes through, opened once with the store's pragmas. Its statements are
/// prepared on first use and kept, so a write only binds values and steps. Used only by the holder of the
/// write gate (<see cref="WriteScope"/>), which also runs BEGIN and COMMIT as statements of its own.
/// </summary>
internal sealed class WriterConnection(Func<SqliteConnection> open) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    public SqliteConnection Connection => _connection ??= open();

    /// <summary>The prepared statement for <paramref name="sql"/>; its parameters are <paramref name="parameterNames"/>, in that order.</summary>
    public SqliteCommand Statement(string sql, ReadOnlySpan<string> parameterNames)
    {
        if (_statements.TryGetValue(sql, out var command)) return command;
        command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        _statements[sql] = command;
        return command;
    }

    /// <summary>Drops the connection and its statements (after a failure left it in an unknown state); the next use reopens.</summary>
    public void Reset()
    {
        foreach (var command in _statements.Values) command.Dispose();
        _statements.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose() => Reset();
}

/// <summary>Whether a connection is outside any transaction (SQLite's autocommit mode).</summary>
internal static class SqliteConnectionState
{
    public static bool IsAutocommit(this SqliteConnection connection) => raw.sqlite3_get_autocommit(connection.Handle) != 0;
}
