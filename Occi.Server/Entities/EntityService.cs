using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Backends;
using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Core.Validation;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.States;
using Occi.Rendering;

namespace Occi.Server.Entities;

/// <summary>
/// The OCCI operations on entities, independent of HTTP: validate against the model, authorize by
/// tenant, check the state machine, call the backend, persist in the store. The backend is the truth
/// for what exists and its live state; the store for what only OCCI knows (locations, mixins, links).
/// A change that reached the backend but could not be stored is undone in the backend. Creates, updates
/// and replaces hold the <see cref="LocationGates"/> of the entity and of the resources it links, deletes
/// that of the entity, so no link is stored whose end a racing delete removed (issue 11 item 5).
/// </summary>
internal sealed class EntityService(ICloudBackend backend, IEntityStore store, IIntentStore intents, IntentCompletion completion,
    CategoryRegistry registry, LocationGates gates, TimeProvider clock, ILogger<EntityService> log)
{
    public CategorySnapshot Model => registry.Current;

    // ---- read ----

    public async Task<StoredEntity> GetAsync(Caller caller, string location, CancellationToken ct)
    {
        var record = await FindAsync(caller, location, ct);
        var entity = record.Entity;
        var state = StateOf(entity);
        long? version = record.Version;
        if (!await backend.RefreshAsync(caller, entity, ct))
        {
            MarkVanished(entity);
        }
        if (StateOf(entity) != state) version = await TryPersistAsync(entity, record, ct);
        if (entity is Resource resource) await AttachLinksAsync(resource, ct);
        FillActions(entity, Model);
        return new(entity, version);
    }

    /// <summary>
    /// Locations the query and the Category filter select, for uri-list and X-OCCI-Location listings. The
    /// filter goes into the store query where it can (<see cref="CategoryPushdown"/>), so paging counts matches only.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListLocationsAsync(Caller caller, EntityQuery query, IReadOnlyList<CategoryId> categories, CancellationToken ct)
    {
        var narrowed = CategoryPushdown.Narrow(query with { Owner = OwnerFilter(caller) }, categories, Model, out var rest);
        if (rest.Count == 0) return await store.QueryLocationsAsync(narrowed, ct);
        return (await ListAsync(caller, query, categories, ct, full: false)).Select(e => e.Location!).ToArray();
    }

    /// <summary>
    /// Entities the query and the Category filter select, filtered before paging; <paramref name="full"/>
    /// fills action links (only whole renderings show them).
    /// </summary>
    public async Task<IReadOnlyList<Entity>> ListAsync(Caller caller, EntityQuery query, IReadOnlyList<CategoryId> categories, CancellationToken ct, bool full = true)
    {
        var model = Model;
        var narrowed = CategoryPushdown.Narrow(query with { Owner = OwnerFilter(caller) }, categories, model, out var rest);
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
            if (full) FillActions(r.Entity, model);
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
        var model = Model;
        var narrowed = CategoryPushdown.Narrow(query with { Owner = OwnerFilter(caller) }, categories, model, out var rest);
        if (rest.Count > 0 || narrowed.Take is not null || narrowed.Skip > 0) return await ListAsync(caller, query, categories, ct);
        var kinds = narrowed.Kinds ?? model.Kinds.Select(k => k.Id).ToArray();
        var resources = await store.QueryLocationsAsync(narrowed with { Kinds = kinds.Where(k => !model.IsLinkKind(k)).ToArray() }, ct);
        var links = await store.QueryLocationsAsync(narrowed with { Kinds = kinds.Where(model.IsLinkKind).ToArray() }, ct);
        return new EntityListing(new StoredEntityPages(resources, ReadMemberAsync), new StoredEntityPages(links, ReadMemberAsync));

        async Task<Entity?> ReadMemberAsync(string location, CancellationToken token)
        {
            if (await store.GetAsync(location, token) is not { } record) return null;
            FillActions(record.Entity, model);
            return record.Entity;
        }
    }

    // ---- create ----

    /// <summary>Creates an entity (and the links a resource carries) at its kind's location or at <paramref name="chosenLocation"/>.</summary>
    public async Task<StoredEntity> CreateAsync(Caller caller, Entity entity, string? chosenLocation, CancellationToken ct)
    {
        var model = Model;
        var kind = model.FindKind(entity.Kind)
            ?? throw OcciException.BadRequest(entity.Kind == default ? "the request names no kind" : $"kind {entity.Kind} is not known to this server");
        if (kind.Location is null) throw OcciException.BadRequest($"kind {kind.Id} is abstract; entities cannot be made of it");

        if (string.IsNullOrEmpty(entity.Id))
            entity.Id = chosenLocation is not null && EntityIds.IsValid(LastSegment(chosenLocation)) ? LastSegment(chosenLocation) : EntityIds.New();
        else if (!EntityIds.IsValid(entity.Id))
            throw OcciException.BadRequest($"occi.core.id '{entity.Id}' is not usable: use letters, digits, '-', '.', '_' or '~' (at most 128)");
        entity.Location = chosenLocation ?? kind.Location + entity.Id;
        if (entity.Location.EndsWith('/')) throw OcciException.BadRequest($"an entity location cannot end in '/' ({entity.Location})");
        if (model.FindByLocation(entity.Location + "/") is not null)
            throw OcciException.Conflict($"{entity.Location} is the location of a collection");

        // Its ends and the targets of its inline links are checked and written under their gates: a delete of
        // one of them waits, or has happened and the check fails (issue 11 item 5).
        using var held = await gates.EnterAsync(GatedBy(entity), ct);
        var links = entity is Resource r ? r.Links.ToList() : [];
        if (entity is Resource res) res.Links.Clear();
        Prepare(entity, model);
        if (entity is Link link) await ResolveEndsAsync(caller, link, model, ct);

        await EnsureFreeAsync(entity, ct);
        var prepared = new List<Link>(links.Count);
        foreach (var l in links) prepared.Add(await PrepareInlineLinkAsync(caller, entity, l, model, ct));

        var (created, version) = await CreateInBackendAndStoreAsync(caller, entity, ct);
        var done = new List<Link>();
        try
        {
            foreach (var l in prepared)
            {
                l.SourceBackendId = created.BackendId;
                done.Add((Link)(await CreateInBackendAndStoreAsync(caller, l, ct)).Entity);
            }
        }
        catch
        {
            foreach (var l in done) await UndoAsync(caller, l);
            await UndoAsync(caller, created);
            throw;
        }
        if (created is Resource cr) cr.Links.AddRange(done);
        FillActions(created, Model);
        foreach (var l in done) FillActions(l, Model);
        return new(created, version);
    }

    /// <summary>
    /// Backend first, then store, bracketed by an intent: a crash between the two leaves an open intent
    /// that start-up reconciliation resolves (<see cref="Reconciler"/>). A store failure undoes the backend's create.
    /// </summary>
    private async Task<StoredEntity> CreateInBackendAndStoreAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var location = entity.Location!;
        var intent = new Intent(Guid.NewGuid().ToString("N"), Reconciler.Create, location, null, caller.Tenant, clock.GetUtcNow(), entity.Kind.Identity);
        await intents.WriteAsync(intent, ct);
        Entity created;
        try
        {
            created = await backend.CreateAsync(caller, entity, ct);
        }
        catch (Exception e)
        {
            await CloseFailedCreateAsync(caller, entity, intent, e);
            throw;
        }
        created.Location = location;
        created.Id = entity.Id;
        long version;
        try
        {
            // Once the backend has answered, the record must land even if the client has gone away.
            version = await store.PutAsync(created, caller.Tenant, 0, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Storing {Location} failed after the backend created it; undoing the backend's create", location);
            await UndoBackendAsync(caller, created);
            completion.Complete(intent.Id);
            throw;
        }
        completion.Complete(intent.Id);
        return new(created, version);
    }

    /// <summary>
    /// The backend's create failed, so the store gets nothing and the intent must not stay open. An error the
    /// backend answered (502, 4xx) created nothing: close it. An unknown outcome (timeout, breaker, cancelled,
    /// unexpected) may have left a half-made entity: delete it by the id the server gave, then close; if that
    /// fails too, the intent stays for the reconciler to roll back at the next start.
    /// </summary>
    private async Task CloseFailedCreateAsync(Caller caller, Entity entity, Intent intent, Exception failure)
    {
        if (failure is OcciException { Kind: not OcciErrorKind.Unavailable })
        {
            completion.Complete(intent.Id);
            return;
        }
        try
        {
            await backend.DeleteAsync(caller, entity, CancellationToken.None);
            completion.Complete(intent.Id);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The create of {Location} failed with an unknown outcome and could not be undone; the reconciler rolls it back at the next start", entity.Location);
        }
    }

    private async Task<Link> PrepareInlineLinkAsync(Caller caller, Entity source, Link link, CategorySnapshot model, CancellationToken ct)
    {
        link.Source = source.Location!;
        link.SourceKind = source.Kind;
        var target = link.Target.StartsWith('/') ? (await store.GetAsync(link.Target, ct))?.Entity : null;
        if (link.Kind == default || link.Kind == CoreCategories.Link.Id && target is not null)
            link.Kind = target?.Kind == Network.Kind.Id ? NetworkInterface.Kind.Id
                : target?.Kind == Occi.Infrastructure.Kinds.Storage.Kind.Id ? StorageLink.Kind.Id
                : CoreCategories.Link.Id;
        var kind = model.FindKind(link.Kind) ?? throw OcciException.BadRequest($"link kind {link.Kind} is not known to this server");
        if (!kind.IsOrInherits(CoreCategories.Link.Id)) throw OcciException.BadRequest($"{link.Kind} in a Link is not a link kind");
        if (string.IsNullOrEmpty(link.Id)) link.Id = EntityIds.New();
        else if (!EntityIds.IsValid(link.Id)) throw OcciException.BadRequest($"link id '{link.Id}' is not usable");
        link.Location = kind.Location + link.Id;
        Prepare(link, model);
        await ResolveEndsAsync(caller, link, model, ct, sourceIsNew: true);
        await EnsureFreeAsync(link, ct);
        return link;
    }

    /// <summary>Both ends of a link must be resources the caller can see (the target may lie outside this server).</summary>
    private async Task ResolveEndsAsync(Caller caller, Link link, CategorySnapshot model, CancellationToken ct, bool sourceIsNew = false)
    {
        if (string.IsNullOrEmpty(link.Target)) throw OcciException.BadRequest("the link has no target (occi.core.target)");
        if (!sourceIsNew)
        {
            if (!link.Source.StartsWith('/')) throw OcciException.BadRequest($"link source '{link.Source}' must be a resource of this server");
            var source = await FindReferencedAsync(caller, link.Source, "link source", ct);
            if (source.Entity is not Resource) throw OcciException.BadRequest($"link source {link.Source} is not a resource");
            link.SourceKind = source.Entity.Kind;
            link.SourceBackendId = source.Entity.BackendId;
        }
        if (link.Target.StartsWith('/'))
        {
            var target = await FindReferencedAsync(caller, link.Target, "link target", ct);
            if (target.Entity is not Resource) throw OcciException.BadRequest($"link target {link.Target} is not a resource");
            link.TargetKind = target.Entity.Kind;
            link.TargetBackendId = target.Entity.BackendId;
        }
        else if (!Uri.TryCreate(link.Target, UriKind.Absolute, out _))
            throw OcciException.BadRequest($"link target '{link.Target}' is neither a path nor an absolute URI");
    }

    /// <summary>The locations a write of <paramref name="entity"/> must hold: its own, a link's ends, its inline links' targets.</summary>
    private static IEnumerable<string?> GatedBy(Entity entity) => entity switch
    {
        Link l => [entity.Location, l.Source, l.Target],
        Resource r => r.Links.Select(l => l.Target).Prepend(entity.Location),
        _ => [entity.Location],
    };

    private async Task EnsureFreeAsync(Entity entity, CancellationToken ct)
    {
        if (await store.GetAsync(entity.Location!, ct) is not null)
            throw OcciException.Conflict($"an entity already exists at {entity.Location}");
        if (await store.GetByIdAsync(entity.Id, ct) is not null)
            throw OcciException.Conflict($"occi.core.id '{entity.Id}' is already in use");
    }

    // ---- update ----

    /// <summary>
    /// POST to an entity: adds mixins, sets attributes, adds links (GFD.185 §3.4.3 partial update). The
    /// <paramref name="condition"/> is checked under the entity's gate, so conditional writes to it take turns.
    /// </summary>
    public async Task<StoredEntity> UpdateAsync(Caller caller, string location, Entity update, WriteCondition condition, CancellationToken ct)
    {
        using var held = await gates.EnterAsync(GatedBy(update).Prepend(location), ct);
        var record = await FindAsync(caller, location, ct);
        condition.Check(record, location);
        var current = record.Entity;
        var model = Model;
        var merged = MergeUpdate(current, update, model);

        var newLinks = update is Resource u ? u.Links.ToList() : [];
        if (newLinks.Count > 0 && current is not Resource) throw OcciException.BadRequest("links can only be added to a resource");
        var prepared = new List<Link>();
        foreach (var l in newLinks) prepared.Add(await PrepareInlineLinkAsync(caller, current, l, model, ct));

        return await ChangeWithLinksAsync(caller, record, merged, fresh => MergeUpdate(fresh, update, model), prepared, condition, ct);
    }

    /// <summary>The change, then the links it adds (their source is the changed resource), as the client will see it.</summary>
    private async Task<StoredEntity> ChangeWithLinksAsync(Caller caller, EntityRecord record, Entity merged, Func<Entity, Entity> remerge,
        List<Link> newLinks, WriteCondition condition, CancellationToken ct)
    {
        var (result, version) = await ChangeAsync(caller, record, merged, remerge, condition, ct);
        foreach (var l in newLinks)
        {
            l.SourceBackendId = result.BackendId;
            await CreateInBackendAndStoreAsync(caller, l, ct);
        }
        if (result is Resource resource) await AttachLinksAsync(resource, ct);
        FillActions(result, Model);
        return new(result, version);
    }

    /// <summary>The entity with the update's mixins added and attributes set; throws (4xx) what the model forbids.</summary>
    private static Entity MergeUpdate(Entity current, Entity update, CategorySnapshot model)
    {
        if (!string.IsNullOrEmpty(update.Id) && update.Id != current.Id)
            throw OcciException.BadRequest($"occi.core.id is immutable: {current.Location} is '{current.Id}', not '{update.Id}'");
        var merged = Clone(current);
        foreach (var m in update.Mixins.Where(m => !merged.Mixins.Contains(m))) merged.Mixins.Add(m);
        AttributeCoercion.Coerce(update.Attributes, model.AttributesOf(current.Kind, merged.Mixins));
        EntityValidator.ValidateUpdate(current, update, model);
        foreach (var (name, value) in update.Attributes) merged.Attributes[name] = value;
        FillDefaultsOfNewMixins(merged, current, model);
        return merged;
    }

    /// <summary>
    /// PUT to an entity: replaces its mixins and mutable attributes, or creates it at that path (with the
    /// links it carries, as POST does). On a replace, the links given that the resource does not have yet
    /// are created; its existing links stay whether given or not: a link is an entity of its own with its
    /// own location (GFD.183 §4.5.4), removed by a DELETE on that location, and clients that render links
    /// only as attributes (rOCCI) or not at all must not tear down a compute's network by a PUT.
    /// </summary>
    public async Task<(StoredEntity Entity, bool Created)> ReplaceAsync(Caller caller, string location, Entity replacement, WriteCondition condition,
        CancellationToken ct)
    {
        var record = await store.GetAsync(location, ct);
        if (record is null || !Visible(caller, record))
        {
            if (record is not null) throw OcciException.Conflict($"{location} is taken");
            condition.Check(null, location); // If-Match on nothing: 412 (RFC 9110 §13.1.1)
            return (await CreateOnlyAsync(caller, replacement, location, condition, ct), true);
        }
        using var held = await gates.EnterAsync(GatedBy(replacement).Prepend(location), ct);
        // Read again under the gate: a delete may have come first, and then the PUT is a 404 as after it.
        record = await FindAsync(caller, location, ct);
        condition.Check(record, location);
        var current = record.Entity;
        var model = Model;
        var givenLinks = replacement is Resource withLinks ? withLinks.Links.ToList() : [];
        if (givenLinks.Count > 0 && current is not Resource) throw OcciException.BadRequest("links can only be added to a resource");
        var merged = MergeReplacement(current, replacement, model);
        var prepared = new List<Link>();
        if (givenLinks.Count > 0)
        {
            var existing = await store.QueryAsync(new EntityQuery { LinkSource = location }, ct);
            foreach (var l in givenLinks.Where(l => !existing.Any(e => IsSameLink(e.Entity, l))))
                prepared.Add(await PrepareInlineLinkAsync(caller, current, l, model, ct));
        }

        return (await ChangeWithLinksAsync(caller, record, merged, fresh => MergeReplacement(fresh, replacement, model), prepared, condition, ct), false);
    }

    /// <summary>
    /// The create of a PUT. With If-None-Match (create-only), another create that got there first after the
    /// check makes the location taken: the condition failed, 412, rather than the 409 of an unconditional PUT.
    /// </summary>
    private async Task<StoredEntity> CreateOnlyAsync(Caller caller, Entity replacement, string location, WriteCondition condition, CancellationToken ct)
    {
        try
        {
            return await CreateAsync(caller, replacement, location, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict && condition.IsConditional)
        {
            if (await store.GetAsync(location, ct) is { } now) condition.Check(now, location);
            throw;
        }
    }

    /// <summary>The entity with the replacement's mixins and mutable attributes; throws (4xx) what the model forbids.</summary>
    private static Entity MergeReplacement(Entity current, Entity replacement, CategorySnapshot model)
    {
        var location = current.Location;
        if (replacement.Kind != default && replacement.Kind != current.Kind)
            throw OcciException.BadRequest($"the kind of {location} is {current.Kind}; PUT cannot change it to {replacement.Kind}");
        if (!string.IsNullOrEmpty(replacement.Id) && replacement.Id != current.Id)
            throw OcciException.BadRequest($"occi.core.id is immutable: {location} is '{current.Id}', not '{replacement.Id}'");

        var merged = Clone(current);
        merged.Mixins.Clear();
        merged.Mixins.AddRange(replacement.Mixins);
        AttributeCoercion.Coerce(replacement.Attributes, model.AttributesOf(current.Kind, merged.Mixins));
        replacement.Kind = current.Kind;
        EntityValidator.ValidateUpdate(current, replacement, model);
        // Mutable attributes the client left out are cleared; immutable ones are the server's to keep.
        var definitions = model.AttributesOf(current.Kind, merged.Mixins).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var attributes = new AttributeBag();
        foreach (var (name, value) in current.Attributes)
            if (definitions.TryGetValue(name, out var d) && !d.Mutable) attributes[name] = value;
        foreach (var (name, value) in replacement.Attributes) attributes[name] = value;
        merged.Attributes = attributes;
        FillDefaultsOfNewMixins(merged, current, model);
        EntityValidator.ValidateCreate(Clone(merged), model);
        return merged;
    }

    /// <summary>A link given in a PUT is one the resource has when it names its location or id, or has its kind and target.</summary>
    private static bool IsSameLink(Entity stored, Link given) =>
        stored is Link l && (given.Location == l.Location || given.Id.Length > 0 && given.Id == l.Id
            || (given.Kind == default || given.Kind == CoreCategories.Link.Id || given.Kind == l.Kind) && given.Target == l.Target);

    /// <summary>How often a write that lost a race to another write is redone before the client gets 409.</summary>
    private const int WriteAttempts = 20;

    /// <summary>
    /// Backend, then store with the version read. A plain update asked for no condition, so a write that
    /// lost a race to another (issue 11 item 9) is no conflict of the client's: the entity is read again,
    /// the change merged onto it (<paramref name="remerge"/>) and made again; neither write is lost. A
    /// conditional one asked to change the version it named: losing the race fails that condition, 412,
    /// with the backend put back as for any refused store write.
    /// </summary>
    private async Task<(Entity Entity, long Version)> ChangeAsync(Caller caller, EntityRecord record, Entity merged, Func<Entity, Entity> remerge,
        WriteCondition condition, CancellationToken ct)
    {
        var location = record.Entity.Location!;
        for (var attempt = 1; ; attempt++)
        {
            var result = await backend.UpdateAsync(caller, merged, ct);
            result.Location = location;
            try
            {
                return (result, await store.PutAsync(result, record.Owner, record.Version, ct));
            }
            catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict && condition.IsConditional)
            {
                log.LogInformation("The conditional update of {Location} lost a race to another write; restoring the backend", location);
                await RestoreBackendAsync(caller, (await store.GetAsync(location, CancellationToken.None))?.Entity ?? record.Entity);
                throw OcciException.PreconditionFailed(
                    $"{location} was changed by another request while this one, conditional on {WriteCondition.ETagOf(record.Version)}, was applied; nothing was changed");
            }
            catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict && attempt < WriteAttempts)
            {
                record = await FindAsync(caller, location, ct);
                merged = remerge(record.Entity);
            }
            catch (Exception e)
            {
                // The store refused the change the backend already made: put the backend back to what the
                // store holds, so the error answered means "nothing changed" (a 4xx/5xx is never half applied).
                log.LogWarning(e, "Storing the update of {Location} failed after the backend applied it; restoring the backend", location);
                await RestoreBackendAsync(caller, record.Entity);
                throw;
            }
        }
    }

    private async Task RestoreBackendAsync(Caller caller, Entity stored)
    {
        try { await backend.UpdateAsync(caller, Clone(stored), CancellationToken.None); }
        catch (Exception e) { log.LogError(e, "Could not restore {Location} in the backend after the store refused its update", stored.Location); }
    }

    // ---- delete ----

    public async Task DeleteAsync(Caller caller, string location, WriteCondition condition, CancellationToken ct)
    {
        using var held = await gates.EnterAsync(location, ct);
        var record = await FindAsync(caller, location, ct);
        condition.Check(record, location);
        await DeleteRecordAsync(caller, record, ct);
    }

    /// <summary>Deletes every visible entity below a path (name-space DELETE, kind collection DELETE); links go first.</summary>
    public async Task<int> DeleteAllAsync(Caller caller, EntityQuery query, CancellationToken ct)
    {
        var records = await store.QueryAsync(query with { Owner = OwnerFilter(caller) }, ct);
        var count = 0;
        foreach (var r in records.OrderBy(r => r.Entity is Link ? 0 : 1))
        {
            using var held = await gates.EnterAsync(r.Entity.Location!, ct);
            if (await store.GetAsync(r.Entity.Location!, ct) is not { } fresh) continue; // a resource's delete took its links
            await DeleteRecordAsync(caller, fresh, ct);
            count++;
        }
        return count;
    }

    /// <summary>A resource with every link from or to it; the caller holds the resource's gate, so no new link can appear meanwhile.</summary>
    private async Task DeleteRecordAsync(Caller caller, EntityRecord record, CancellationToken ct)
    {
        var entity = record.Entity;
        if (entity is Resource)
        {
            var links = (await store.QueryAsync(new EntityQuery { LinkSource = entity.Location }, ct))
                .Concat(await store.QueryAsync(new EntityQuery { LinkTarget = entity.Location }, ct));
            foreach (var l in links.DistinctBy(l => l.Entity.Location)) await DeleteOneAsync(caller, l.Entity, ct);
        }
        await DeleteOneAsync(caller, entity, ct);
    }

    /// <summary>Backend, then store, bracketed by an intent so a crash between them is finished at start-up.</summary>
    private async Task DeleteOneAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var intent = new Intent(Guid.NewGuid().ToString("N"), Reconciler.Delete, entity.Location!, entity.BackendId, caller.Tenant, clock.GetUtcNow(), entity.Kind.Identity);
        await intents.WriteAsync(intent, ct);
        try
        {
            await backend.DeleteAsync(caller, entity, ct);
        }
        catch (OcciException e) when (e.Kind != OcciErrorKind.Unavailable)
        {
            // The backend refused: the entity stays, in backend and store alike, so nothing is left to finish.
            completion.Complete(intent.Id);
            throw;
        }
        await store.DeleteAsync(entity.Location!, CancellationToken.None);
        completion.Complete(intent.Id);
    }

    // ---- actions ----

    /// <summary>
    /// Triggers an action on one entity. A conditional one holds the entity's gate, so its check and write take
    /// turns with updates, replaces, deletes and other conditional actions. Once the backend has performed it,
    /// its outcome is stored even if a write that takes no gate (a plain action) slipped in: a 412 would claim
    /// that nothing happened.
    /// </summary>
    public async Task<StoredEntity> InvokeAsync(Caller caller, string location, ActionInvocation invocation, WriteCondition condition, CancellationToken ct)
    {
        string?[] gated = condition.IsConditional ? [location] : [];
        using var held = await gates.EnterAsync(gated, ct);
        var record = await FindAsync(caller, location, ct);
        condition.Check(record, location);
        var entity = record.Entity;
        var model = Model;
        var action = CheckAction(entity, invocation, model);
        if (!await backend.RefreshAsync(caller, entity, ct)) MarkVanished(entity);
        if (StateMachines.StateAttributeOf(entity.Kind) is { } stateAttribute && StateMachines.Governs(entity.Kind, action.Id))
        {
            var state = entity.Attributes.GetString(stateAttribute) ?? "";
            if (StateMachines.Next(entity.Kind, state, action.Id) is null)
                throw OcciException.Conflict($"action {action.Term} is not allowed on {location} in state '{state}'");
        }
        var before = Clone(entity);
        var result = await backend.InvokeAsync(caller, entity, invocation, ct);
        result.Location = location;
        var stored = await StoreActionResultAsync(caller, record, before, result, ct);
        FillActions(stored.Entity, Model);
        return stored;
    }

    /// <summary>
    /// Writes an action's outcome with the version read (issue 11 item 4): an update that landed meanwhile
    /// is kept, and what the action changed (state, its message, a resized size…) is applied onto it.
    /// </summary>
    private async Task<StoredEntity> StoreActionResultAsync(Caller caller, EntityRecord record, Entity before, Entity result, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new(result, await store.PutAsync(result, record.Owner, record.Version, ct));
            }
            catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict && attempt < WriteAttempts)
            {
                var fresh = await FindAsync(caller, before.Location!, ct);
                result = WithChanges(fresh.Entity, before, result);
                record = fresh;
            }
        }
    }

    /// <summary><paramref name="target"/> with the attribute and mixin differences from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private static Entity WithChanges(Entity target, Entity before, Entity after)
    {
        foreach (var (name, value) in after.Attributes)
            if (!before.Attributes.TryGet(name, out var old) || old != value) target.Attributes[name] = value;
        foreach (var (name, _) in before.Attributes)
            if (!after.Attributes.Contains(name)) target.Attributes.Remove(name);
        foreach (var m in after.Mixins)
            if (!before.Mixins.Contains(m) && !target.Mixins.Contains(m)) target.Mixins.Add(m);
        target.Mixins.RemoveAll(m => before.Mixins.Contains(m) && !after.Mixins.Contains(m));
        target.BackendId = after.BackendId ?? target.BackendId;
        return target;
    }

    /// <summary>The action must exist and be defined for the entity's kind or one of its mixins; its attributes must fit.</summary>
    public static OcciAction CheckAction(Entity entity, ActionInvocation invocation, CategorySnapshot model)
    {
        var action = model.FindAction(invocation.Action)
            ?? throw OcciException.BadRequest($"action {invocation.Action} is not known to this server");
        if (!model.ActionsOf(entity.Kind, entity.Mixins).Any(a => a.Id == action.Id))
            throw OcciException.BadRequest($"action {action.Id} is not defined for {entity.Kind} or the mixins of {entity.Location}");
        foreach (var (name, value) in invocation.Attributes.ToArray())
            if (action.Attributes.TryGet(name, out var d) && AttributeCoercion.Coerce(value, d.Type) is { } coerced)
                invocation.Attributes[name] = coerced;
        EntityValidator.ValidateAction(action, invocation);
        return action;
    }

    // ---- mixin membership ----

    /// <summary>Adds a mixin to entities (POST to a mixin collection), or makes them its only members (PUT).</summary>
    public async Task AssociateAsync(Caller caller, Mixin mixin, IReadOnlyList<string> locations, bool replace, CancellationToken ct)
    {
        var model = Model;
        foreach (var location in locations)
        {
            var record = await FindReferencedAsync(caller, location, "entity", ct);
            var kind = model.FindKind(record.Entity.Kind);
            if (kind is not null && !mixin.CanApplyTo(kind))
                throw OcciException.BadRequest($"mixin {mixin.Id} does not apply to {location} (kind {kind.Id})");
        }
        if (replace) await store.DissociateMixinAsync(mixin.Id, null, ct);
        try
        {
            await store.AssociateMixinAsync(mixin.Id, locations, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            throw OcciException.BadRequest(e.Message); // deleted since it was checked: still a location that names nothing
        }
    }

    /// <summary>Removes a mixin from the listed entities (each must exist: a location naming nothing is a bad request), or from all.</summary>
    public async Task DissociateAsync(Caller caller, Mixin mixin, IReadOnlyList<string>? locations, CancellationToken ct)
    {
        foreach (var location in locations ?? []) await FindReferencedAsync(caller, location, "entity", ct);
        await store.DissociateMixinAsync(mixin.Id, locations, ct);
    }

    // ---- helpers ----

    public async Task<bool> AnyBelowAsync(string prefix, CancellationToken ct) =>
        await store.CountAsync(new EntityQuery { LocationPrefix = prefix, Take = 1 }, ct) > 0;

    public async Task<EntityRecord> FindAsync(Caller caller, string location, CancellationToken ct)
    {
        var record = await store.GetAsync(location, ct);
        if (record is null || !Visible(caller, record)) throw OcciException.NotFound($"no entity at {location}");
        return record;
    }

    /// <summary>
    /// An entity the request body names (X-OCCI-Location, a link's source or target). When nothing is there
    /// the request is wrong, not its target: 400, where a missing request target is 404.
    /// </summary>
    private async Task<EntityRecord> FindReferencedAsync(Caller caller, string location, string what, CancellationToken ct)
    {
        var record = await store.GetAsync(location, ct);
        if (record is null || !Visible(caller, record))
            throw OcciException.BadRequest($"no {what} at {location}: the request names a location where nothing exists");
        return record;
    }

    private static bool Visible(Caller caller, EntityRecord record) =>
        record.Owner is null || record.Owner == caller.Tenant;

    private static string? OwnerFilter(Caller caller) => caller.Tenant;

    private static void Prepare(Entity entity, CategorySnapshot model)
    {
        AttributeCoercion.Coerce(entity, model);
        EntityValidator.ValidateCreate(entity, model);
    }

    private static void FillDefaultsOfNewMixins(Entity merged, Entity current, CategorySnapshot model)
    {
        foreach (var mixinId in merged.Mixins.Where(m => !current.Mixins.Contains(m)))
            if (model.FindMixin(mixinId) is { } mixin)
                foreach (var m in mixin.SelfAndDependencies())
                    foreach (var d in m.Attributes)
                        if (d.Default is { } dflt && !merged.Attributes.Contains(d.Name)) merged.Attributes[d.Name] = dflt;
    }

    private async Task AttachLinksAsync(Resource resource, CancellationToken ct)
    {
        resource.Links.Clear();
        var links = await store.QueryAsync(new EntityQuery { LinkSource = resource.Location }, ct);
        var model = Model;
        foreach (var l in links)
        {
            if (l.Entity is not Link link) continue;
            FillActions(link, model);
            resource.Links.Add(link);
        }
    }

    /// <summary>Action links: the kind's actions the state machine allows now, plus every action a mixin brings.</summary>
    public static void FillActions(Entity entity, CategorySnapshot model)
    {
        entity.Actions.Clear();
        if (model.FindKind(entity.Kind) is not { } kind) return;
        var stateAttribute = StateMachines.StateAttributeOf(kind.Id);
        var state = stateAttribute is null ? null : entity.Attributes.GetString(stateAttribute);
        entity.Actions.AddRange(StateMachines.AllowedActions(kind, state));
        for (var parent = kind.Parent; parent is not null; parent = parent.Parent)
            entity.Actions.AddRange(parent.Actions.Select(a => a.Id));
        foreach (var mixinId in entity.Mixins)
            if (model.FindMixin(mixinId) is { } mixin)
                foreach (var a in mixin.Actions)
                    if (!entity.Actions.Contains(a.Id)) entity.Actions.Add(a.Id);
    }

    private static string? StateOf(Entity e) =>
        StateMachines.StateAttributeOf(e.Kind) is { } a ? e.Attributes.GetString(a) : null;

    /// <summary>
    /// The backend no longer has it: report the resource in error rather than pretend. Returns false when
    /// there was nothing to change (no state attribute, or already in error).
    /// </summary>
    public static bool MarkVanished(Entity entity)
    {
        if (StateMachines.StateAttributeOf(entity.Kind) is not { } stateAttribute || entity.Attributes.GetString(stateAttribute) == "error") return false;
        entity.Attributes[stateAttribute] = "error";
        entity.Attributes[stateAttribute + ".message"] = "the backend no longer has this resource";
        return true;
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

    private async Task UndoAsync(Caller caller, Entity entity)
    {
        await UndoBackendAsync(caller, entity);
        try { await store.DeleteAsync(entity.Location!, CancellationToken.None); }
        catch (Exception e) { log.LogError(e, "Could not remove {Location} from the store while undoing a create", entity.Location); }
    }

    private async Task UndoBackendAsync(Caller caller, Entity entity)
    {
        try { await backend.DeleteAsync(caller, entity, CancellationToken.None); }
        catch (Exception e) { log.LogError(e, "Could not undo the backend's create of {Location}; reconciliation will find it", entity.Location); }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static Entity Clone(Entity e)
    {
        Entity copy = e switch
        {
            Link l => new Link
            {
                Source = l.Source, Target = l.Target, SourceKind = l.SourceKind, TargetKind = l.TargetKind,
                SourceBackendId = l.SourceBackendId, TargetBackendId = l.TargetBackendId,
            },
            _ => new Resource(),
        };
        copy.Id = e.Id;
        copy.Kind = e.Kind;
        copy.Mixins.AddRange(e.Mixins);
        copy.Attributes = e.Attributes.Clone();
        copy.Location = e.Location;
        copy.BackendId = e.BackendId;
        return copy;
    }
}
