using System.Globalization;
using Microsoft.Data.Sqlite;
using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Storage;

namespace Occi.Storage.Embedded;

/// <summary>
/// <see cref="IEntityStore"/> on the embedded SQLite file. Each entity is one row of <c>entities</c>:
/// its <see cref="EntityDocumentCodec"/> JSON plus indexed copies of location (key), id, kind, owner,
/// backend id and link source/target; <c>entity_mixins</c> mirrors its mixins for membership queries.
/// A resource's links are stored as their own rows, so a resource is written and read without them.
/// </summary>
public sealed class SqliteEntityStore(EmbeddedDatabase database) : IEntityStore
{
    private const string RecordColumns = "e.doc, e.version, e.owner";

    public async Task<EntityRecord?> GetAsync(string location, CancellationToken cancellationToken) =>
        await SingleAsync("e.location = $key", location, cancellationToken).ConfigureAwait(false);

    public async Task<EntityRecord?> GetByIdAsync(string id, CancellationToken cancellationToken) =>
        await SingleAsync("e.id = $key", id, cancellationToken).ConfigureAwait(false);

    private async Task<EntityRecord?> SingleAsync(string condition, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordColumns} FROM entities e WHERE {condition}";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader) : null;
    }

    public async Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken cancellationToken)
    {
        var location = entity.Location ?? throw new ArgumentException("an entity needs a location to be stored", nameof(entity));
        if (string.IsNullOrEmpty(entity.Id)) throw new ArgumentException($"the entity at {location} has no id", nameof(entity));
        if (expectedVersion < 0) throw new ArgumentOutOfRangeException(nameof(expectedVersion), "versions start at 1; 0 means insert only");

        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(write, location, cancellationToken).ConfigureAwait(false);
        switch (expectedVersion)
        {
            case 0 when current is not null:
                throw OcciException.Conflict($"an entity already exists at {location}");
            case > 0 when current != expectedVersion:
                throw OcciException.Conflict(current is null
                    ? $"no entity at {location} to replace (expected version {expectedVersion})"
                    : $"the entity at {location} has changed: version {current}, expected {expectedVersion}");
        }
        await using (var byId = write.Command("SELECT location FROM entities WHERE id = $id AND location <> $location"))
        {
            byId.Parameters.AddWithValue("$id", entity.Id);
            byId.Parameters.AddWithValue("$location", location);
            if (await byId.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string other)
                throw OcciException.Conflict($"id {entity.Id} is already used by the entity at {other}");
        }

        var version = (current ?? 0) + 1;
        var link = entity as Link;
        await using (var upsert = write.Command("""
            INSERT INTO entities (location, id, kind, owner, backend_id, link_source, link_target, version, doc)
            VALUES ($location, $id, $kind, $owner, $backend, $source, $target, $version, $doc)
            ON CONFLICT (location) DO UPDATE SET id = excluded.id, kind = excluded.kind, owner = excluded.owner,
                backend_id = excluded.backend_id, link_source = excluded.link_source, link_target = excluded.link_target,
                version = excluded.version, doc = excluded.doc
            """))
        {
            var p = upsert.Parameters;
            p.AddWithValue("$location", location);
            p.AddWithValue("$id", entity.Id);
            p.AddWithValue("$kind", entity.Kind.Identity);
            p.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
            p.AddWithValue("$backend", (object?)entity.BackendId ?? DBNull.Value);
            p.AddWithValue("$source", (object?)link?.Source ?? DBNull.Value);
            p.AddWithValue("$target", (object?)link?.Target ?? DBNull.Value);
            p.AddWithValue("$version", version);
            p.AddWithValue("$doc", EntityDocumentCodec.EncodeToString(entity));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await ReplaceMembershipsAsync(write, location, entity.Mixins, cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async Task<bool> DeleteAsync(string location, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (var memberships = write.Command("DELETE FROM entity_mixins WHERE location = $location"))
        {
            memberships.Parameters.AddWithValue("$location", location);
            await memberships.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        int deleted;
        await using (var entity = write.Command("DELETE FROM entities WHERE location = $location"))
        {
            entity.Parameters.AddWithValue("$location", location);
            deleted = await entity.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    public async Task<int> DeleteBelowAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var pattern = EntityQuerySql.GlobPrefix(prefix);
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (var memberships = write.Command("DELETE FROM entity_mixins WHERE location GLOB $pattern"))
        {
            memberships.Parameters.AddWithValue("$pattern", pattern);
            await memberships.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        int deleted;
        await using (var entities = write.Command("DELETE FROM entities WHERE location GLOB $pattern"))
        {
            entities.Parameters.AddWithValue("$pattern", pattern);
            deleted = await entities.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = EntityQuerySql.Where(query, command.Parameters);
        command.CommandText = $"SELECT {RecordColumns} FROM entities e WHERE {where} ORDER BY e.location LIMIT $take OFFSET $skip";
        command.Parameters.AddWithValue("$take", query.Take is { } take ? Math.Max(take, 0) : -1); // -1: no limit
        command.Parameters.AddWithValue("$skip", Math.Max(query.Skip, 0));
        var records = new List<EntityRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) records.Add(ReadRecord(reader));
        return records;
    }

    /// <summary>Counts every match; Skip and Take do not apply.</summary>
    public async Task<int> CountAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM entities e WHERE {EntityQuerySql.Where(query, command.Parameters)}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<(Entity Entity, long Version)>(locations.Count);
        foreach (var location in locations.Distinct(StringComparer.Ordinal))
        {
            var record = await ReadForUpdateAsync(write, location, cancellationToken).ConfigureAwait(false)
                ?? throw OcciException.NotFound($"no entity at {location}: mixin {mixin} was associated with none of the {locations.Count} locations");
            records.Add(record);
        }
        foreach (var (entity, version) in records)
        {
            if (entity.Mixins.Contains(mixin)) continue;
            entity.Mixins.Add(mixin);
            await RewriteAsync(write, entity, version + 1, cancellationToken).ConfigureAwait(false);
        }
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
        // Disposing an uncommitted scope (the NotFound above) rolls everything back: all or none.
    }

    public async Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> targets = locations ?? await MembersAsync(write, mixin, cancellationToken).ConfigureAwait(false);
        foreach (var location in targets.Distinct(StringComparer.Ordinal))
        {
            if (await ReadForUpdateAsync(write, location, cancellationToken).ConfigureAwait(false) is not { } found) continue;
            var (entity, version) = found;
            if (!entity.Mixins.Remove(mixin)) continue;
            await RewriteAsync(write, entity, version + 1, cancellationToken).ConfigureAwait(false);
        }
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- inside a write ----

    private static async Task<long?> CurrentVersionAsync(WriteScope write, string location, CancellationToken cancellationToken)
    {
        await using var command = write.Command("SELECT version FROM entities WHERE location = $location");
        command.Parameters.AddWithValue("$location", location);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long v ? v : null;
    }

    private static async Task<(Entity Entity, long Version)?> ReadForUpdateAsync(WriteScope write, string location, CancellationToken cancellationToken)
    {
        await using var command = write.Command("SELECT doc, version FROM entities WHERE location = $location");
        command.Parameters.AddWithValue("$location", location);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return (EntityDocumentCodec.Decode(reader.GetString(0)), reader.GetInt64(1));
    }

    private static async Task<IReadOnlyList<string>> MembersAsync(WriteScope write, CategoryId mixin, CancellationToken cancellationToken)
    {
        await using var command = write.Command("SELECT location FROM entity_mixins WHERE mixin = $mixin");
        command.Parameters.AddWithValue("$mixin", mixin.Identity);
        var locations = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) locations.Add(reader.GetString(0));
        return locations;
    }

    /// <summary>Writes back a document whose mixins changed: new JSON, next version, memberships.</summary>
    private static async Task RewriteAsync(WriteScope write, Entity entity, long version, CancellationToken cancellationToken)
    {
        await using (var update = write.Command("UPDATE entities SET doc = $doc, version = $version WHERE location = $location"))
        {
            update.Parameters.AddWithValue("$doc", EntityDocumentCodec.EncodeToString(entity));
            update.Parameters.AddWithValue("$version", version);
            update.Parameters.AddWithValue("$location", entity.Location);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await ReplaceMembershipsAsync(write, entity.Location!, entity.Mixins, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReplaceMembershipsAsync(WriteScope write, string location, IReadOnlyList<CategoryId> mixins, CancellationToken cancellationToken)
    {
        await using (var clear = write.Command("DELETE FROM entity_mixins WHERE location = $location"))
        {
            clear.Parameters.AddWithValue("$location", location);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (mixins.Count == 0) return;
        await using var insert = write.Command("INSERT OR IGNORE INTO entity_mixins (location, mixin) VALUES ($location, $mixin)");
        insert.Parameters.AddWithValue("$location", location);
        var mixinParameter = insert.Parameters.Add("$mixin", SqliteType.Text);
        foreach (var mixin in mixins)
        {
            mixinParameter.Value = mixin.Identity;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static EntityRecord ReadRecord(SqliteDataReader reader) =>
        new(EntityDocumentCodec.Decode(reader.GetString(0)), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
}
