using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Core.Validation;
using Occi.Infrastructure.Kinds;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Entities;

/// <summary>
/// Creates entities: a resource with the links it carries inline, or a link between two resources. Each goes
/// to the backend first, then the store, bracketed by an intent. When a later part fails, what was already
/// made is undone (links first), so a failed create leaves nothing behind. The new entity's location, its
/// ends and its inline links' targets are held under their <see cref="LocationGates"/> throughout, so no
/// link is stored whose end a racing delete removed (issue 11 item 5). A create that depends on what the category
/// manager changes shares its <see cref="KindChangeTurn"/> (see <see cref="DependsOnKindChanges"/>).
/// </summary>
internal sealed class EntityCreator(ICloudBackend backend, IEntityStore store, IIntentStore intents, IIntentCloser completion,
    VisibleEntities visible, CategoryRegistry registry, LocationGates gates, TenantQuotas quotas, KindChangeTurn kindChanges, TimeProvider clock,
    ILogger<EntityCreator> log)
{
    /// <summary>Creates an entity (and the links a resource carries) at its kind's location or at <paramref name="chosenLocation"/>.</summary>
    public Task<StoredEntity> CreateAsync(Caller caller, Entity entity, string? chosenLocation, CancellationToken ct)
    {
        var model = registry.Current;
        // Checked against the model it decided on: a kind defined after this look is unknown to this create.
        return DependsOnKindChanges(entity, chosenLocation, model)
            ? CreateInTurnAsync(caller, entity, chosenLocation, ct)
            : CreateAsync(caller, entity, chosenLocation, model, ct);
    }

    /// <summary>
    /// Whether a change on /-/ could undo what this create checks (issue 19 follow-up): its kind, or a kind of a link it
    /// carries, is a runtime one (deleted, moved or given another provider meanwhile, it would leave an entity behind),
    /// or its location is one of the client's own, which a kind could claim meanwhile, or it is given a user mixin, which
    /// a DELETE on /-/ could remove meanwhile. An entity of a built-in kind
    /// made in that kind's own collection depends on no change (a kind's location never lies inside another
    /// collection nor holds one), so the usual create takes no turn.
    /// </summary>
    public static bool DependsOnKindChanges(Entity entity, string? chosenLocation, CategorySnapshot model)
    {
        if (model.FindKind(entity.Kind) is not { } kind) return false;
        if (kind.IsRuntime || chosenLocation is not null && !IsDirectlyBelow(chosenLocation, kind.Location)) return true;
        if (KindChangeTurn.NamesUserMixins(entity.Mixins, model)) return true;
        return entity is Resource { Links.Count: > 0 } r && LinksNameRuntimeKinds(r.Links, model);
    }

    /// <summary>Whether a link given with a resource names a runtime link kind (the kinds given by default are built in).</summary>
    public static bool LinksNameRuntimeKinds(List<Link> links, CategorySnapshot model)
    {
        foreach (var l in links)
            if (l.Kind != default && model.FindKind(l.Kind) is { IsRuntime: true }) return true;
        return false;
    }

    private static bool IsDirectlyBelow(string location, string? collection) =>
        collection is not null && location.Length > collection.Length && location.StartsWith(collection, StringComparison.Ordinal)
        && location.IndexOf('/', collection.Length) < 0;

    /// <summary>The create, after the category manager's changes in progress and before those that come next; on the model as they left it.</summary>
    private async Task<StoredEntity> CreateInTurnAsync(Caller caller, Entity entity, string? chosenLocation, CancellationToken ct)
    {
        using var turn = await kindChanges.ShareAsync(ct);
        return await CreateAsync(caller, entity, chosenLocation, registry.Current, ct);
    }

    private async Task<StoredEntity> CreateAsync(Caller caller, Entity entity, string? chosenLocation, CategorySnapshot model, CancellationToken ct)
    {
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
        using var held = await gates.EnterAsync(LocationGates.HeldBy(entity), ct);
        List<Link> links = entity is Resource { Links.Count: > 0 } r ? [.. r.Links] : [];
        if (entity is Resource res) res.Links.Clear();
        Prepare(caller, entity, model);
        if (entity is Link link) await ResolveEndsAsync(caller, link, model, ct);

        await EnsureFreeAsync(entity, ct);
        var prepared = new List<Link>(links.Count);
        foreach (var l in links) prepared.Add(await PrepareInlineLinkAsync(caller, entity, l, model, ct));

        // Held until the entity and its links are stored (or undone): a racing create sees it (Occi:Quotas).
        using var reservation = await quotas.ReserveAsync(caller.Tenant, prepared.Aggregate(QuotaUse.Of(entity, null, model), (u, l) => u + QuotaUse.Of(l, null, model)), ct);

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
        ActionLinks.Fill(created, registry.Current);
        foreach (var l in done) ActionLinks.Fill(l, registry.Current);
        return new(created, version);
    }

    /// <summary>
    /// Backend first, then store, bracketed by an intent: a crash between the two leaves an open intent
    /// that start-up reconciliation resolves. A store failure undoes the backend's create.
    /// </summary>
    public async Task<StoredEntity> CreateInBackendAndStoreAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var location = entity.Location!;
        var intent = IntentOperation.For(IntentOperation.Create, entity, null, caller, clock.GetUtcNow());
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
    /// backend answered (502, 4xx) or a call the open breaker held off created nothing: close it. An unknown outcome
    /// (timeout, cancelled, unexpected) may have left a half-made entity: delete it by the id the server gave, then
    /// close; if that fails too, the intent stays for the reconciler to roll back at the next start.
    /// </summary>
    private async Task CloseFailedCreateAsync(Caller caller, Entity entity, Intent intent, Exception failure)
    {
        if (failure is OcciException { Kind: not OcciErrorKind.Unavailable } or OcciException { NotAttempted: true })
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

    /// <summary>A link given inline with its source (a create, update or replace of that resource), checked and placed, not yet made.</summary>
    public async Task<Link> PrepareInlineLinkAsync(Caller caller, Entity source, Link link, CategorySnapshot model, CancellationToken ct)
    {
        link.Source = source.Location!;
        link.SourceKind = source.Kind;
        // Another tenant's target is answered as a missing one: its kind must not shape the link either.
        var target = link.Target.StartsWith('/') && await store.GetAsync(link.Target, ct) is { } found && VisibleEntities.Visible(caller, found) ? found.Entity : null;
        if (link.Kind == default || link.Kind == CoreCategories.Link.Id && target is not null)
            link.Kind = target?.Kind == Network.Kind.Id ? NetworkInterface.Kind.Id
                : target?.Kind == Occi.Infrastructure.Kinds.Storage.Kind.Id ? StorageLink.Kind.Id
                : CoreCategories.Link.Id;
        var kind = model.FindKind(link.Kind) ?? throw OcciException.BadRequest($"link kind {link.Kind} is not known to this server");
        if (!kind.IsOrInherits(CoreCategories.Link.Id)) throw OcciException.BadRequest($"{link.Kind} in a Link is not a link kind");
        if (string.IsNullOrEmpty(link.Id)) link.Id = EntityIds.New();
        else if (!EntityIds.IsValid(link.Id)) throw OcciException.BadRequest($"link id '{link.Id}' is not usable");
        link.Location = kind.Location + link.Id;
        Prepare(caller, link, model);
        await ResolveEndsAsync(caller, link, model, ct, sourceIsNew: true);
        await EnsureFreeAsync(link, ct);
        return link;
    }

    /// <summary>Both ends of a link must be resources of the caller's tenant (the target may lie outside this server).</summary>
    private async Task ResolveEndsAsync(Caller caller, Link link, CategorySnapshot model, CancellationToken ct, bool sourceIsNew = false)
    {
        if (string.IsNullOrEmpty(link.Target)) throw OcciException.BadRequest("the link has no target (occi.core.target)");
        if (!sourceIsNew)
        {
            if (!link.Source.StartsWith('/')) throw OcciException.BadRequest($"link source '{link.Source}' must be a resource of this server");
            var source = await visible.FindLinkEndAsync(caller, link.Source, "link source", ct);
            if (source.Entity is not Resource) throw OcciException.BadRequest($"link source {link.Source} is not a resource");
            link.SourceKind = source.Entity.Kind;
            link.SourceBackendId = source.Entity.BackendId;
        }
        if (link.Target.StartsWith('/'))
        {
            var target = await visible.FindLinkEndAsync(caller, link.Target, "link target", ct);
            if (target.Entity is not Resource) throw OcciException.BadRequest($"link target {link.Target} is not a resource");
            link.TargetKind = target.Entity.Kind;
            link.TargetBackendId = target.Entity.BackendId;
        }
        else if (!Uri.TryCreate(link.Target, UriKind.Absolute, out _))
            throw OcciException.BadRequest($"link target '{link.Target}' is neither a path nor an absolute URI");
    }

    private async Task EnsureFreeAsync(Entity entity, CancellationToken ct)
    {
        if (await store.GetAsync(entity.Location!, ct) is not null)
            throw OcciException.Conflict($"an entity already exists at {entity.Location}");
        if (await store.GetByIdAsync(entity.Id, ct) is not null)
            throw OcciException.Conflict($"occi.core.id '{entity.Id}' is already in use");
    }

    private static void Prepare(Caller caller, Entity entity, CategorySnapshot model)
    {
        Tenancy.CheckApplicable(caller, caller.Tenant, entity.Mixins, model); // another tenant's user mixin is unknown here
        AttributeCoercion.Coerce(entity, model);
        EntityValidator.ValidateCreate(entity, model);
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
}
