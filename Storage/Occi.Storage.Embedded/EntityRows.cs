using System.Text;

namespace Occi.Storage.Embedded;

/// <summary>
/// Applies <see cref="EntityChange"/>s to SQLite's rows: <c>entities</c> (document plus key columns) and
/// <c>entity_mixins</c> (one row per membership). Each change sets the end state outright, so applying it
/// again is harmless: a put replaces the row and all its memberships, INSERT OR REPLACE also clearing a
/// row that held the same id at another location in a state replay has not caught up with yet.
/// Runs inside the caller's transaction on the writer connection.
/// </summary>
internal static class EntityRows
{
    private const string PutSql = """
        INSERT OR REPLACE INTO entities (location, id, kind, owner, backend_id, link_source, link_target, version, doc)
        VALUES ($location, $id, $kind, $owner, $backend, $source, $target, $version, $doc)
        """;
    private const string DeleteSql = "DELETE FROM entities WHERE location = $location";
    private const string DeleteBelowSql = "DELETE FROM entities WHERE location GLOB $pattern";
    private const string JoinSql = "INSERT OR IGNORE INTO entity_mixins (location, mixin) VALUES ($location, $mixin)";
    private const string LeaveAllSql = "DELETE FROM entity_mixins WHERE location = $location";
    private const string LeaveAllBelowSql = "DELETE FROM entity_mixins WHERE location GLOB $pattern";

    private const string FileSql = "SELECT file FROM entities_generation";

    /// <summary>
    /// The file's random name, made when its tables were (migration 5): a <see cref="ViewSnapshot"/> belongs to the
    /// file of this name, and another file put in its place has another. (The table's count of transactions is no
    /// longer moved: a snapshot's journal cut says which writes it holds.)
    /// </summary>
    public static string ReadFileName(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = FileSql;
        return command.ExecuteScalar() as string ?? throw new InvalidOperationException($"{connection.DataSource} has no row in entities_generation");
    }

    private const string AppliedSql = "SELECT segment, lines FROM journal_applied";
    private const string MarkAppliedSql = "UPDATE journal_applied SET segment = $segment, lines = $lines";

    /// <summary>The journal line just after the last write the rows hold (migration 6).</summary>
    public static JournalLine ReadApplied(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = AppliedSql;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new InvalidOperationException($"{connection.DataSource} has no row in journal_applied");
        return new(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Records, in the transaction that applied it, that the rows hold every write up to <paramref name="last"/>.</summary>
    public static void MarkApplied(WriterConnection writer, JournalLine last)
    {
        var mark = writer.Statement(MarkAppliedSql, ["$segment", "$lines"]);
        mark.Parameters[0].Value = last.Segment;
        mark.Parameters[1].Value = last.Index + 1;
        mark.ExecuteNonQuery();
    }

    public static void Apply(WriterConnection writer, in EntityChange change)
    {
        if (change.Put is { } entity) Put(writer, entity, change.Document!);
        else if (change.Delete is { } location)
        {
            ByLocation(writer, LeaveAllSql, location);
            ByLocation(writer, DeleteSql, location);
        }
        else
        {
            var pattern = LocationGlob.Prefix(change.DeleteBelow!);
            foreach (var sql in (ReadOnlySpan<string>)[LeaveAllBelowSql, DeleteBelowSql])
            {
                var delete = writer.Statement(sql, ["$pattern"]);
                delete.Parameters[0].Value = pattern;
                delete.ExecuteNonQuery();
            }
        }
    }

    private static void Put(WriterConnection writer, StoredEntity entity, byte[] document)
    {
        var put = writer.Statement(PutSql, ["$location", "$id", "$kind", "$owner", "$backend", "$source", "$target", "$version", "$doc"]);
        var p = put.Parameters;
        p[0].Value = entity.Location;
        p[1].Value = entity.Id;
        p[2].Value = entity.Kind;
        p[3].Value = (object?)entity.Owner ?? DBNull.Value;
        p[4].Value = (object?)entity.BackendId ?? DBNull.Value;
        p[5].Value = (object?)entity.LinkSource ?? DBNull.Value;
        p[6].Value = (object?)entity.LinkTarget ?? DBNull.Value;
        p[7].Value = entity.Version;
        p[8].Value = Encoding.UTF8.GetString(document);
        put.ExecuteNonQuery();
        ByLocation(writer, LeaveAllSql, entity.Location);
        foreach (var mixin in entity.Mixins)
        {
            var join = writer.Statement(JoinSql, ["$location", "$mixin"]);
            join.Parameters[0].Value = entity.Location;
            join.Parameters[1].Value = mixin;
            join.ExecuteNonQuery();
        }
    }

    private static void ByLocation(WriterConnection writer, string sql, string location)
    {
        var command = writer.Statement(sql, ["$location"]);
        command.Parameters[0].Value = location;
        command.ExecuteNonQuery();
    }
}
