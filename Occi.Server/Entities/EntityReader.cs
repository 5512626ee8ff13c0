using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Rendering;

namespace Occi.Server.Entities;

/// <summary>
/// Reads entities: one, refreshed from the backend (the truth for its live state) with its links, or
/// listings from the store (what only OCCI knows). A state the refresh found changed is written back
/// when no other write came first.
/// </summary>
internal sealed class EntityReader(ICloudBackend backend, IEntityStore store, VisibleEntities visible, CategoryRegistry registry)
{
    /// <summary>
    /// One entity with its live state; <paramref name="freshness"/> says whether the backend may answer from what it
    /// knows (a backend that keeps no such knowledge asks its cloud either way).
    /// </summary>
    public async ValueTask<StoredEntity> GetAsync(Caller caller, string location, CancellationToken ct, ReadFreshness freshness = ReadFreshness.Known)
    {
        var record = await visible.FindAsync(caller, location, ct);
        var entity = record.Entity;
        var version = await RefreshStoredAsync(caller, record, freshness, ct);
        if (entity is Resource resource) await AttachLinksAsync(resource, ct);
        ActionLinks.Fill(entity, registry.Current);
        return new(entity, version);
    }

    /// <summary>
    /// Refreshes a stored entity (<paramref name="record"/>'s, changed in place) from the backend and writes a state
    /// that changed back with the version read, so a write that came first wins. Returns the version now stored, or
    /// null when another write came first (its write is newer than this refresh).
    /// </summary>
    public async ValueTask<long?> RefreshStoredAsync(Caller caller, EntityRecord record, ReadFreshness freshness, CancellationToken ct)
    {
        var entity = record.Entity;
        var state = EntityState.Of(entity);
        if (!await backend.RefreshAsync(caller, entity, freshness, ct))
        {
            EntityState.MarkVanished(entity);
        }
        return EntityState.Of(entity) != state ? await TryPersistAsync(entity, record, ct) : record.Version;
    }

    /// <summary>
    /// Locations the query and the Category filter select, for uri-list and X-OCCI-Location listings. The
    /// filter goes into the store query where it can (<see cref="CategoryPushdown"/>), so paging counts matches only.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListLocationsAsync(Caller caller, EntityQuery query, IReadOnlyList<CategoryId> categories, CancellationToken ct)
    {
        var narrowed = CategoryPushdown.Narrow(query with { Owner = VisibleEntities.OwnerFilter(caller) }, categories, registry.Current, out var rest);
        if (rest.Count == 0) return await store.QueryLocationsAsync(narrowed, ct);
        return (await ListAsync(caller, query, categories, ct, full: false)).Select(e => e.Location!).ToArray();
    }

    /// <summary>
    /// Entities the query and the Category filter select, filtered before paging; <paramref name="full"/>
    /// fills action links (only whole renderings show them).
    /// </summary>
    public async Task<IReadOnlyList<Entity>> ListAsync(Caller caller, EntityQuery query, IReadOnlyList<CategoryId> categories, CancellationToken ct, bool full = true)
    {
        var model = registry.Current;
        var narrowed = CategoryPushdown.Narrow(query with { Owner = VisibleEntities.OwnerFilter(caller) }, categories, model, out var rest);
        IEnumerable<EntityRecord> records;
        if (rest.Count == 0) records = await store.QueryAsync(narrowed, ct);
        else
        {
            // What the store cannot test is tested here, on every match, and the page taken after.
            var filter = new EntityFilter(rest, []);
            records = (await store.QueryAsync(narrowed with { Skip = 0, Take = null }, ct))
                .Where(r => filter.Matches(r.Entity, model))
                .Skip(Math.Max(narrowed.Skip, 0)).Take(narrowed.Take ?? int.MaxValue);
        }
        var result = new List<Entity>(records is IReadOnlyCollection<EntityRecord> known ? known.Count : 0);
        foreach (var r in records)
        {
            if (full) ActionLinks.Fill(r.Entity, model);
            result.Add(r.Entity);
        }
        return result;
    }

    /// <summary>
    /// Entities the query and the Category filter select, for a rendering that streams (<see cref="IPagedList"/>):
    /// the matches' locations are taken now, resources' and links' apart, and the entities read a page at a
    /// time as the listing is written. A page of a collection (?number=) and a filter the store cannot test
    /// take <see cref="ListAsync"/>'s whole list, as those are bounded by the page or tested member by member.
    /// </summary>
    public async Task<IReadOnlyList<Entity>> ListInPagesAsync(Caller caller, EntityQuery query, IReadOnlyList<CategoryId> categories, CancellationToken ct)
    {
        var model = registry.Current;
        var narrowed = CategoryPushdown.Narrow(query with { Owner = VisibleEntities.OwnerFilter(caller) }, categories, model, out var rest);
        if (rest.Count > 0 || narrowed.Take is not null || narrowed.Skip > 0) return await ListAsync(caller, query, categories, ct);
        var kinds = narrowed.Kinds ?? model.Kinds.Select(k => k.Id).ToArray();
        var resources = await store.QueryLocationsAsync(narrowed with { Kinds = kinds.Where(k => !model.IsLinkKind(k)).ToArray() }, ct);
        var links = await store.QueryLocationsAsync(narrowed with { Kinds = kinds.Where(model.IsLinkKind).ToArray() }, ct);
        return new EntityListing(new StoredEntityPages(resources, ReadMemberAsync), new StoredEntityPages(links, ReadMemberAsync));

        async Task<Entity?> ReadMemberAsync(string location, CancellationToken token)
        {
            if (await store.GetAsync(location, token) is not { } record) return null;
            ActionLinks.Fill(record.Entity, model);
            return record.Entity;
        }
    }

    public async Task<bool> AnyBelowAsync(string prefix, CancellationToken ct) =>
        await store.CountAsync(new EntityQuery { LocationPrefix = prefix, Take = 1 }, ct) > 0;

    /// <summary>The links whose source the resource is, from the store (each its own entity, GFD.183 §4.5.4), with their action links.</summary>
    public async Task AttachLinksAsync(Resource resource, CancellationToken ct)
    {
        resource.Links.Clear();
        var links = await store.QueryAsync(new EntityQuery { LinkSource = resource.Location }, ct);
        var model = registry.Current;
        foreach (var l in links)
        {
            if (l.Entity is not Link link) continue;
            ActionLinks.Fill(link, model);
            resource.Links.Add(link);
        }
    }

    /// <summary>The new version, or null when another write came first (its write is newer than this refresh).</summary>
    private async Task<long?> TryPersistAsync(Entity entity, EntityRecord record, CancellationToken ct)
    {
        try
        {
            return await store.PutAsync(entity, record.Owner, record.Version, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict)
        {
            return null;
        }
    }
}
