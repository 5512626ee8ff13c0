using Microsoft.Data.Sqlite;
using Occi.Core;
using Occi.Core.Storage;

namespace Occi.Storage.Embedded;

/// <summary><see cref="IIntentStore"/> on the embedded SQLite file: one row per open intent; completing deletes it.</summary>
public sealed class SqliteIntentStore(EmbeddedDatabase database) : IIntentStore
{
    public async Task WriteAsync(Intent intent, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var insert = write.Statement("""
            INSERT INTO intents (id, operation, location, backend_id, owner, created_at, detail)
            VALUES ($id, $operation, $location, $backend, $owner, $created, $detail)
            """, "$id", "$operation", "$location", "$backend", "$owner", "$created", "$detail");
        var p = insert.Parameters;
        p[0].Value = intent.Id;
        p[1].Value = intent.Operation;
        p[2].Value = intent.Location;
        p[3].Value = (object?)intent.BackendId ?? DBNull.Value;
        p[4].Value = (object?)intent.Owner ?? DBNull.Value;
        p[5].Value = intent.CreatedAt.ToUnixTimeMilliseconds();
        p[6].Value = (object?)intent.Detail ?? DBNull.Value;
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the id is taken
        {
            throw OcciException.Conflict($"intent {intent.Id} is already recorded");
        }
        write.Commit();
    }

    public async Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var delete = write.Statement("DELETE FROM intents WHERE id = $id", "$id");
        delete.Parameters[0].Value = intentId;
        var deleted = delete.ExecuteNonQuery();
        write.Commit();
        return deleted > 0;
    }

    /// <summary>All in one transaction: one commit however many intents close.</summary>
    public async Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken cancellationToken)
    {
        if (intentIds.Count == 0) return 0;
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var delete = write.Statement("DELETE FROM intents WHERE id = $id", "$id");
        var deleted = 0;
        foreach (var id in intentIds)
        {
            delete.Parameters[0].Value = id;
            deleted += delete.ExecuteNonQuery();
        }
        write.Commit();
        return deleted;
    }

    public async Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, operation, location, backend_id, owner, created_at, detail FROM intents ORDER BY created_at, id";
        var intents = new List<Intent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            intents.Add(new Intent(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return intents;
    }
}
