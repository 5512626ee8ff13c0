using System.Text;
using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Storage;

namespace Occi.Storage.Embedded;

/// <summary>
/// <see cref="IEntityStore"/> on the embedded SQLite file. Each entity is one row of <c>entities</c>:
/// its <see cref="EntityDocumentCodec"/> JSON plus indexed copies of location (key), id, kind, owner,
/// backend id and link source/target; <c>entity_mixins</c> mirrors its mixins for membership queries.
/// A resource's links are stored as their own rows, so a resource is written and read without them.
/// <para>Reads answer from the database's in-memory <see cref="EntityView"/> and return fresh copies the
/// caller may change. A write checks versions and ids against the view under the write gate, runs only
/// the statements it needs, commits, and only then changes the view: an acknowledged write is in the
/// WAL, and a failed one leaves the view as it was.</para>
/// </summary>
public sealed class SqliteEntityStore(EmbeddedDatabase database) : IEntityStore
{
    private const string UpsertSql = """
        INSERT INTO entities (location, id, kind, owner, backend_id, link_source, link_target, version, doc)
        VALUES ($location, $id, $kind, $owner, $backend, $source, $target, $version, $doc)
        ON CONFLICT (location) DO UPDATE SET id = excluded.id, kind = excluded.kind, owner = excluded.owner,
            backend_id = excluded.backend_id, link_source = excluded.link_source, link_target = excluded.link_target,
            version = excluded.version, doc = excluded.doc
        """;
    private const string RewriteSql = "UPDATE entities SET doc = $doc, version = $version WHERE location = $location";
    private const string DeleteSql = "DELETE FROM entities WHERE location = $location";
    private const string DeleteBelowSql = "DELETE FROM entities WHERE location GLOB $pattern";
    private const string JoinSql = "INSERT OR IGNORE INTO entity_mixins (location, mixin) VALUES ($location, $mixin)";
    private const string LeaveSql = "DELETE FROM entity_mixins WHERE location = $location AND mixin = $mixin";
    private const string LeaveAllSql = "DELETE FROM entity_mixins WHERE location = $location";
    private const string LeaveAllBelowSql = "DELETE FROM entity_mixins WHERE location GLOB $pattern";

    // ---- reads: from memory ----

    public Task<EntityRecord?> GetAsync(string location, CancellationToken cancellationToken)
    {
        database.ThrowIfDisposed();
        return Task.FromResult(database.Entities.Find(location)?.ToRecord());
    }

    public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken cancellationToken)
    {
        database.ThrowIfDisposed();
        return Task.FromResult(database.Entities.FindById(id)?.ToRecord());
    }

    public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        database.ThrowIfDisposed();
        var found = database.Entities.Query(query);
        var records = new EntityRecord[found.Count];
        for (var i = 0; i < records.Length; i++) records[i] = found[i].ToRecord();
        return Task.FromResult<IReadOnlyList<EntityRecord>>(records);
    }

    /// <summary>Locations only: a listing of 10,000 copies no entity.</summary>
    public Task<IReadOnlyList<string>> QueryLocationsAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        database.ThrowIfDisposed();
        return Task.FromResult<IReadOnlyList<string>>(database.Entities.QueryLocations(query));
    }

    /// <summary>Counts every match; Skip and Take do not apply.</summary>
    public Task<int> CountAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        database.ThrowIfDisposed();
        return Task.FromResult(database.Entities.Count(query));
    }

    // ---- writes: SQLite first, then the view ----

    public async Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken cancellationToken)
    {
        var location = entity.Location ?? throw new ArgumentException("an entity needs a location to be stored", nameof(entity));
        if (string.IsNullOrEmpty(entity.Id)) throw new ArgumentException($"the entity at {location} has no id", nameof(entity));
        if (expectedVersion < 0) throw new ArgumentOutOfRangeException(nameof(expectedVersion), "versions start at 1; 0 means insert only");
        // Encoded and decoded outside the gate: the view keeps what a restart would read back.
        var document = EntityDocumentCodec.Encode(entity);
        var snapshot = EntityDocumentCodec.Decode(document);
        var link = entity as Link;

        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var view = database.Entities;
        var current = view.Current(location);
        switch (expectedVersion)
        {
            case 0 when current is not null:
                throw OcciException.Conflict($"an entity already exists at {location}");
            case > 0 when current?.Version != expectedVersion:
                throw OcciException.Conflict(current is null
                    ? $"no entity at {location} to replace (expected version {expectedVersion})"
                    : $"the entity at {location} has changed: version {current.Version}, expected {expectedVersion}");
        }
        if (view.LocationOfId(entity.Id) is { } other && other != location)
            throw OcciException.Conflict($"id {entity.Id} is already used by the entity at {other}");

        var next = new StoredEntity(snapshot, (current?.Version ?? 0) + 1, owner);
        var upsert = write.Statement(UpsertSql, "$location", "$id", "$kind", "$owner", "$backend", "$source", "$target", "$version", "$doc");
        var p = upsert.Parameters;
        p[0].Value = location;
        p[1].Value = entity.Id;
        p[2].Value = next.Kind;
        p[3].Value = (object?)owner ?? DBNull.Value;
        p[4].Value = (object?)entity.BackendId ?? DBNull.Value;
        p[5].Value = (object?)link?.Source ?? DBNull.Value;
        p[6].Value = (object?)link?.Target ?? DBNull.Value;
        p[7].Value = next.Version;
        p[8].Value = Encoding.UTF8.GetString(document);
        upsert.ExecuteNonQuery();
        UpdateMemberships(write, location, current?.Mixins ?? [], next.Mixins);
        write.Commit();
        view.Replace(next);
        return next.Version;
    }

    public async Task<bool> DeleteAsync(string location, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        if (database.Entities.Current(location) is not { } current) return false;
        UpdateMemberships(write, location, current.Mixins, []);
        var delete = write.Statement(DeleteSql, "$location");
        delete.Parameters[0].Value = location;
        delete.ExecuteNonQuery();
        write.Commit();
        database.Entities.Remove([current]);
        return true;
    }

    public async Task<int> DeleteBelowAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var doomed = database.Entities.EntitiesBelow(prefix);
        if (doomed.Count == 0) return 0;
        var pattern = LocationGlob.Prefix(prefix);
        foreach (var sql in (ReadOnlySpan<string>)[LeaveAllBelowSql, DeleteBelowSql])
        {
            var delete = write.Statement(sql, "$pattern");
            delete.Parameters[0].Value = pattern;
            delete.ExecuteNonQuery();
        }
        write.Commit();
        database.Entities.Remove(doomed);
        return doomed.Count;
    }

    public async Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var view = database.Entities;
        var targets = new List<StoredEntity>(locations.Count);
        foreach (var location in locations.Distinct(StringComparer.Ordinal))
            targets.Add(view.Current(location)
                ?? throw OcciException.NotFound($"no entity at {location}: mixin {mixin} was associated with none of the {locations.Count} locations"));
        var changed = new List<StoredEntity>(targets.Count);
        foreach (var current in targets)
        {
            if (current.HasMixin(mixin.Identity)) continue;
            var entity = current.Copy();
            entity.Mixins.Add(mixin);
            changed.Add(Rewrite(write, current, entity));
        }
        write.Commit(); // a NotFound above disposes the scope uncommitted: all or none
        view.Replace(changed);
    }

    public async Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken cancellationToken)
    {
        using var write = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var view = database.Entities;
        var identity = mixin.Identity;
        var changed = new List<StoredEntity>();
        foreach (var location in (locations ?? view.Members(identity)).Distinct(StringComparer.Ordinal))
        {
            if (view.Current(location) is not { } current || !current.HasMixin(identity)) continue;
            var entity = current.Copy();
            entity.Mixins.RemoveAll(m => m.Identity == identity);
            changed.Add(Rewrite(write, current, entity));
        }
        if (changed.Count == 0) return;
        write.Commit();
        view.Replace(changed);
    }

    // ---- inside a write ----

    /// <summary>Writes back an entity whose mixins changed: new document, next version, memberships.</summary>
    private static StoredEntity Rewrite(WriteScope write, StoredEntity current, Entity entity)
    {
        var document = EntityDocumentCodec.Encode(entity);
        var next = new StoredEntity(EntityDocumentCodec.Decode(document), current.Version + 1, current.Owner);
        var update = write.Statement(RewriteSql, "$doc", "$version", "$location");
        update.Parameters[0].Value = Encoding.UTF8.GetString(document);
        update.Parameters[1].Value = next.Version;
        update.Parameters[2].Value = next.Location;
        update.ExecuteNonQuery();
        UpdateMemberships(write, next.Location, current.Mixins, next.Mixins);
        return next;
    }

    /// <summary>Brings <c>entity_mixins</c> from <paramref name="before"/> to <paramref name="after"/>, touching only the rows that differ.</summary>
    private static void UpdateMemberships(WriteScope write, string location, string[] before, string[] after)
    {
        if (after.Length == 0 && before.Length > 0)
        {
            var all = write.Statement(LeaveAllSql, "$location");
            all.Parameters[0].Value = location;
            all.ExecuteNonQuery();
            return;
        }
        foreach (var mixin in before)
            if (Array.IndexOf(after, mixin) < 0) Membership(write, LeaveSql, location, mixin);
        foreach (var mixin in after)
            if (Array.IndexOf(before, mixin) < 0) Membership(write, JoinSql, location, mixin);
    }

    private static void Membership(WriteScope write, string sql, string location, string mixin)
    {
        var command = write.Statement(sql, "$location", "$mixin");
        command.Parameters[0].Value = location;
        command.Parameters[1].Value = mixin;
        command.ExecuteNonQuery();
    }
}
