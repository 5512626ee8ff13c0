using Microsoft.Data.Sqlite;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>Reads and changes a store's SQLite file behind its back, on a connection of the test's own.</summary>
internal static class SqliteFile
{
    public static object? Scalar(string file, string sql)
    {
        using var command = Command(file, sql);
        return command.ExecuteScalar();
    }

    /// <summary>Runs every statement of <paramref name="sql"/>.</summary>
    public static void Execute(string file, string sql)
    {
        using var command = Command(file, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(string file, string sql)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Disposed += (_, _) => connection.Dispose();
        return command;
    }
}
