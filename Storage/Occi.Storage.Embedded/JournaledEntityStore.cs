using Occi.Core;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// <see cref="IEntityStore"/> on the embedded SQLite file. Each entity is one row of <c>entities</c>:
/// its <see cref="EntityDocumentCodec"/> JSON plus indexed copies of location (key), id, kind, owner,
/// backend id and link source/target; <c>entity_mixins</c> mirrors its mixins for membership queries.
/// A resource's links are stored as their own rows, so a resource is written and read without them.
/// <para>Reads answer from the database's in-memory <see cref="EntityView"/> and return fresh copies the
/// caller may change. A write checks versions and ids against the view under the write gate, records the
/// resulting rows in the journal (<see cref="EmbeddedDatabase.Record"/>), and only then changes the view:
/// an acknowledged write is on its way to SQLite and survives a killed process, and one the journal
/// refused leaves the view as it was.</para>
/// </summary>
internal sealed class JournaledEntityStore(EmbeddedDatabase database) : IEntityStore
{
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

    /// <summary>What a query matching nothing answers: a resource's links on every GET of one without any (issue 13).</summary>
    private static readonly Task<IReadOnlyList<EntityRecord>> NoRecords = Task.FromResult<IReadOnlyList<EntityRecord>>([]);

    public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        database.ThrowIfDisposed();
        var found = database.Entities.Query(query);
        if (found.Count == 0) return NoRecords;
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

    // ---- writes: the journal first, then the view ----

    public async Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken cancellationToken)
    {
        var location = entity.Location ?? throw new ArgumentException("an entity needs a location to be stored", nameof(entity));
        if (string.IsNullOrEmpty(entity.Id)) throw new ArgumentException($"the entity at {location} has no id", nameof(entity));
        if (expectedVersion < 0) throw new ArgumentOutOfRangeException(nameof(expectedVersion), "versions start at 1; 0 means insert only");
        // Encoded outside the gate. The view keeps what a restart would read back: the document's own attribute
        // bytes, and the entity's fields, which decoding the document gives back unchanged when its category ids
        // split as they were written (issue 13: decoding every document again cost more than writing it).
        var document = EntityDocumentCodec.Encode(entity, out var attributes);
        var snapshot = ReadsBackAsWritten(entity) ? entity : EntityDocumentCodec.Decode(document);
        var attributeBytes = document[attributes];

        using var gate = await database.LockWritesAsync(cancellationToken).ConfigureAwait(false);
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

        var next = new StoredEntity(snapshot, (current?.Version ?? 0) + 1, owner, attributeBytes);
        database.Record(EntityChange.Store(next, document));
        view.Replace(next);
        return next.Version;
    }

    public async Task<bool> DeleteAsync(string location, CancellationToken cancellationToken)
    {
        using var gate = await database.LockWritesAsync(cancellationToken).ConfigureAwait(false);
        if (database.Entities.Current(location) is not { } current) return false;
        database.Record(EntityChange.Remove(location));
        database.Entities.Remove([current]);
        return true;
    }

    public async Task<int> DeleteBelowAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        using var gate = await database.LockWritesAsync(cancellationToken).ConfigureAwait(false);
        var doomed = database.Entities.EntitiesBelow(prefix);
        if (doomed.Count == 0) return 0;
        database.Record(EntityChange.RemoveBelow(prefix));
        database.Entities.Remove(doomed);
        return doomed.Count;
    }

    public async Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken cancellationToken)
    {
        using var gate = await database.LockWritesAsync(cancellationToken).ConfigureAwait(false);
        var view = database.Entities;
        var targets = new List<StoredEntity>(locations.Count);
        foreach (var location in locations.Distinct(StringComparer.Ordinal))
            targets.Add(view.Current(location)
                ?? throw OcciException.NotFound($"no entity at {location}: mixin {mixin} was associated with none of the {locations.Count} locations"));
        var changes = new List<EntityChange>(targets.Count);
        foreach (var current in targets)
        {
            if (current.HasMixin(mixin.Identity)) continue;
            var entity = current.Copy();
            entity.Mixins.Add(mixin);
            changes.Add(Rewrite(current, entity));
        }
        Apply(changes); // one journal line: all or none
    }

    public async Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken cancellationToken)
    {
        using var gate = await database.LockWritesAsync(cancellationToken).ConfigureAwait(false);
        var view = database.Entities;
        var identity = mixin.Identity;
        var changes = new List<EntityChange>();
        foreach (var location in (locations ?? view.Members(identity)).Distinct(StringComparer.Ordinal))
        {
            if (view.Current(location) is not { } current || !current.HasMixin(identity)) continue;
            var entity = current.Copy();
            entity.Mixins.RemoveAll(m => m.Identity == identity);
            changes.Add(Rewrite(current, entity));
        }
        Apply(changes);
    }

    /// <summary>
    /// Whether the document's decoding has this entity's fields: every category id in it is a scheme ending in '#'
    /// and a term without one, which <see cref="CategoryId.Parse"/> splits back the same (model ids always are).
    /// </summary>
    private static bool ReadsBackAsWritten(Entity entity)
    {
        if (!SplitsBack(entity.Kind)) return false;
        foreach (var mixin in entity.Mixins)
            if (!SplitsBack(mixin)) return false;
        return entity is not Link link
            || (link.Source is not null && link.Target is not null // a null end reads back as ""
                && (link.SourceKind is not { } source || SplitsBack(source)) && (link.TargetKind is not { } target || SplitsBack(target)));
    }

    private static bool SplitsBack(CategoryId id) =>
        id.Scheme is { Length: > 1 } scheme && scheme[^1] == '#' && id.Term is { Length: > 0 } term && !term.Contains('#');

    // ---- inside a write ----

    /// <summary>An entity whose mixins changed, as its next version: new document, same owner.</summary>
    private static EntityChange Rewrite(StoredEntity current, Entity entity)
    {
        var document = EntityDocumentCodec.Encode(entity);
        return EntityChange.Store(StoredEntity.Decode(document, current.Version + 1, current.Owner), document);
    }

    /// <summary>Journals the rewrites as one write, then shows them.</summary>
    private void Apply(List<EntityChange> changes)
    {
        if (changes.Count == 0) return;
        database.Record([.. changes]);
        database.Entities.Replace(changes.Select(c => c.Put!).ToList());
    }
}
