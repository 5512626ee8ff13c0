using Microsoft.Data.Sqlite;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// Every entity of the file, in memory: location → record (with the locations kept sorted for ordered,
/// prefix and paged queries), id → location, and location sets by kind, mixin, owner, link source and
/// link target. Loaded once at open (after the journal's replay); changed only by the holder of the write
/// gate, after the journal took the write, so it always equals the file plus the journal's writes still on
/// their way (see <see cref="EmbeddedDatabase"/>). It is coherent because one process owns the
/// data folder (<see cref="DataFolderLock"/>). Reads take a shared lock and never touch SQLite.
/// </summary>
internal sealed class EntityView
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, StoredEntity> _byLocation = new(StringComparer.Ordinal);
    private readonly SortedLocations _locations = new();
    private readonly Dictionary<string, string> _locationById = new(StringComparer.Ordinal);
    private readonly LocationIndex _byKind = new(), _byMixin = new(), _byOwner = new(), _byLinkSource = new(), _byLinkTarget = new(), _byBackendId = new();
    private readonly OwnerKindIndex _byOwnerKind = new();

    /// <summary>Reads every entity row, decoding each as it streams in.</summary>
    public static EntityView Load(SqliteConnection connection)
    {
        var view = new EntityView();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT location, doc, version, owner FROM entities";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            StoredEntity stored;
            try
            {
                stored = StoredEntity.Decode(reader.GetFieldValue<byte[]>(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException)
            {
                throw new InvalidOperationException($"the stored entity at {reader.GetString(0)} in {connection.DataSource} cannot be read: {e.Message}", e);
            }
            view.Index(stored);
        }
        return view;
    }

    /// <summary>Adds an entity while the view is being loaded, before anyone else sees it.</summary>
    internal void Add(StoredEntity entity) => Index(entity);

    // ---- reads (any thread) ----

    public StoredEntity? Find(string location)
    {
        _lock.EnterReadLock();
        try { return _byLocation.GetValueOrDefault(location); }
        finally { _lock.ExitReadLock(); }
    }

    public StoredEntity? FindById(string id)
    {
        _lock.EnterReadLock();
        try { return _locationById.TryGetValue(id, out var location) ? _byLocation[location] : null; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The matches in location order, Skip and Take applied.</summary>
    public List<StoredEntity> Query(EntityQuery query)
    {
        var filter = PreparedQuery.From(query);
        var found = new List<StoredEntity>();
        if (filter.MatchesNothing) return found;
        var skip = Math.Max(query.Skip, 0);
        var take = query.Take is { } t ? Math.Max(t, 0) : int.MaxValue;
        if (take == 0) return found;
        _lock.EnterReadLock();
        try
        {
            if (WholeSet(filter) is { } set) // every member matches: skip is a position, not a count of checks
            {
                foreach (var location in set.From(Math.Min(skip, set.Count)))
                {
                    found.Add(_byLocation[location]);
                    if (found.Count == take) break;
                }
                return found;
            }
            foreach (var location in Candidates(filter))
            {
                var stored = _byLocation[location];
                if (!filter.Matches(stored)) continue;
                if (skip > 0) { skip--; continue; }
                found.Add(stored);
                if (found.Count == take) break;
            }
        }
        finally { _lock.ExitReadLock(); }
        return found;
    }

    /// <summary>
    /// The matching locations in location order, Skip and Take applied. A kind's listing (GET /compute/)
    /// asks for one kind and the caller's tenant; the (owner, kind) index set is the answer as it stands, however
    /// many tenants the file holds (an admin's listing, no owner, takes the kind's set), read without looking up a
    /// single entity: 10,000 members cost a copy, not 10,000 lookups and checks, and a page deep in it no walk to its start.
    /// </summary>
    public string[] QueryLocations(EntityQuery query)
    {
        var filter = PreparedQuery.From(query);
        if (filter.MatchesNothing) return [];
        _lock.EnterReadLock();
        try
        {
            if (WholeSet(filter) is { } set) return Page(set, query);
        }
        finally { _lock.ExitReadLock(); }
        var found = Query(query);
        var locations = new string[found.Count];
        for (var i = 0; i < locations.Length; i++) locations[i] = found[i].Location;
        return locations;
    }

    /// <summary>
    /// The location set that is exactly the query's answer before paging: all locations for a query without
    /// conditions, a kind's set for a kind listing, or a tenant's set of that kind (<see cref="OwnerKindIndex"/>); null
    /// when entities must be checked. Under the read lock.
    /// </summary>
    private SortedLocations? WholeSet(PreparedQuery filter)
    {
        if (filter.IsEmpty) return _locations;
        var q = filter.Query;
        if (filter.Kinds is not [var kind] || filter.Mixin is not null || filter.Prefix is not null
            || q.LinkSource is not null || q.LinkTarget is not null || q.BackendId is not null || filter.Attributes is { Length: > 0 }) return null;
        if (q.Owner is { } owner) return _byOwnerKind.Get(owner, kind) ?? []; // a tenant's kind listing
        return _byKind.Get(kind) ?? [];
    }

    /// <summary>Skip and Take as positions: the page is found without walking the locations before it.</summary>
    private static string[] Page(SortedLocations set, EntityQuery query)
    {
        var skip = Math.Max(query.Skip, 0);
        var take = query.Take is { } t ? Math.Max(t, 0) : int.MaxValue;
        var count = (int)Math.Min((long)set.Count - skip, take);
        if (count <= 0) return [];
        var page = new string[count];
        set.CopyTo(skip, page, 0, count);
        return page;
    }

    /// <summary>Counts every match; Skip and Take do not apply.</summary>
    public int Count(EntityQuery query)
    {
        var filter = PreparedQuery.From(query);
        if (filter.MatchesNothing) return 0;
        _lock.EnterReadLock();
        try
        {
            if (filter.IsEmpty) return _byLocation.Count;
            var count = 0;
            foreach (var location in Candidates(filter))
                if (filter.Matches(_byLocation[location])) count++;
            return count;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The locations that may match, in location order: the smallest index set among the query's
    /// indexed conditions, else the locations under its prefix, else all. Called under the read lock.
    /// </summary>
    private IEnumerable<string> Candidates(PreparedQuery filter)
    {
        IEnumerable<string>? best = null;
        var bestCount = int.MaxValue;
        void Consider(IEnumerable<string> set, int count)
        {
            if (count < bestCount) (best, bestCount) = (set, count);
        }
        void ConsiderIndex(LocationIndex index, string key)
        {
            Consider(index.Members(key), index.Count(key));
        }

        var q = filter.Query;
        if (q.LinkSource is { } source) ConsiderIndex(_byLinkSource, source);
        if (q.LinkTarget is { } target) ConsiderIndex(_byLinkTarget, target);
        if (q.BackendId is { } backendId) ConsiderIndex(_byBackendId, backendId);
        if (filter.KeyText(Entity.IdAttribute) is { } id) Consider(_locationById.TryGetValue(id, out var at) ? [at] : [], 1);
        if (filter.KeyText(Link.SourceAttribute) is { } sourceAttribute) ConsiderIndex(_byLinkSource, sourceAttribute);
        if (filter.KeyText(Link.TargetAttribute) is { } targetAttribute) ConsiderIndex(_byLinkTarget, targetAttribute);
        if (filter.Mixin is { } mixin) ConsiderIndex(_byMixin, mixin);
        if (q.Owner is { } owner) ConsiderIndex(_byOwner, owner);
        if (filter.Kinds is { } kinds)
        {
            var sets = (q.Owner is { } kindOwner ? kinds.Select(k => _byOwnerKind.Get(kindOwner, k)) : kinds.Select(_byKind.Get))
                .OfType<SortedLocations>().ToArray();
            Consider(sets.Length == 1 ? sets[0] : MergeDisjoint(sets), sets.Sum(s => s.Count));
        }
        if (best is not null) return best;
        return filter.Prefix is { } prefix ? _locations.StartingWith(prefix) : _locations;
    }

    /// <summary>Merges sorted, disjoint location sets (one per kind: an entity has one kind) in order.</summary>
    private static IEnumerable<string> MergeDisjoint(SortedLocations[] sets)
    {
        var cursors = sets.Select(s => s.GetEnumerator()).Where(e => e.MoveNext()).ToList();
        while (cursors.Count > 0)
        {
            var least = 0;
            for (var i = 1; i < cursors.Count; i++)
                if (string.CompareOrdinal(cursors[i].Current, cursors[least].Current) < 0) least = i;
            yield return cursors[least].Current;
            if (!cursors[least].MoveNext()) cursors.RemoveAt(least);
        }
    }

    // ---- for the holder of the write gate: nothing else changes the view, so it reads without the lock ----

    public StoredEntity? Current(string location) => _byLocation.GetValueOrDefault(location);

    public string? LocationOfId(string id) => _locationById.GetValueOrDefault(id);

    public IReadOnlyList<string> Members(string mixinIdentity) => _byMixin.Members(mixinIdentity).ToArray();

    public IReadOnlyList<StoredEntity> EntitiesBelow(string prefix) => _locations.StartingWith(prefix).Select(l => _byLocation[l]).ToArray();

    /// <summary>
    /// Every entity, in no order: a copy of the dictionary's values, which is what a snapshot taken under the write
    /// gate holds writes for (a few milliseconds at a million; walking the sorted locations and looking each up took
    /// tens of times that). <see cref="InLocationOrder"/> sorts it afterwards, with writes going on.
    /// </summary>
    public StoredEntity[] Entities()
    {
        _lock.EnterReadLock();
        try { return [.. _byLocation.Values]; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Sorts <paramref name="entities"/> as the view orders locations (ordinal): what a <see cref="ViewSnapshot"/> writes.</summary>
    public static StoredEntity[] InLocationOrder(StoredEntity[] entities)
    {
        Array.Sort(entities, static (a, b) => string.CompareOrdinal(a.Location, b.Location));
        return entities;
    }

    // ---- changes: only after the journal took the write ----

    /// <summary>
    /// A journaled write replayed onto a view read from a snapshot, as <see cref="EntityRows.Apply"/> replays it
    /// onto SQLite's rows: a put also drops an entity holding its id at another location, as INSERT OR REPLACE
    /// drops that row (a state replay has not caught up with yet).
    /// </summary>
    public void Apply(EntityChange change)
    {
        if (change.Put is { } next)
        {
            if (LocationOfId(next.Id) is { } other && other != next.Location) Remove([_byLocation[other]]);
            Replace(next);
        }
        else if (change.Delete is { } location)
        {
            if (Current(location) is { } current) Remove([current]);
        }
        else Remove(EntitiesBelow(change.DeleteBelow!));
    }

    /// <summary>Puts <paramref name="next"/> in place of whatever is at its location.</summary>
    public void Replace(StoredEntity next) => Replace([next]);

    public void Replace(IReadOnlyList<StoredEntity> entities)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var next in entities)
            {
                if (_byLocation.TryGetValue(next.Location, out var previous)) Unindex(previous);
                Index(next);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    public void Remove(IReadOnlyList<StoredEntity> entities)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var e in entities) Unindex(e);
        }
        finally { _lock.ExitWriteLock(); }
    }

    private void Index(StoredEntity e)
    {
        _byLocation[e.Location] = e;
        _locations.Add(e.Location);
        _locationById[e.Id] = e.Location;
        _byKind.Add(e.Kind, e.Location);
        foreach (var mixin in e.Mixins) _byMixin.Add(mixin, e.Location);
        _byOwner.Add(e.Owner, e.Location);
        _byOwnerKind.Add(e);
        _byLinkSource.Add(e.LinkSource, e.Location);
        _byLinkTarget.Add(e.LinkTarget, e.Location);
        _byBackendId.Add(e.BackendId, e.Location);
    }

    private void Unindex(StoredEntity e)
    {
        _byLocation.Remove(e.Location);
        _locations.Remove(e.Location);
        _locationById.Remove(e.Id);
        _byKind.Remove(e.Kind, e.Location);
        foreach (var mixin in e.Mixins) _byMixin.Remove(mixin, e.Location);
        _byOwner.Remove(e.Owner, e.Location);
        _byOwnerKind.Remove(e);
        _byLinkSource.Remove(e.LinkSource, e.Location);
        _byLinkTarget.Remove(e.LinkTarget, e.Location);
        _byBackendId.Remove(e.BackendId, e.Location);
    }
}
