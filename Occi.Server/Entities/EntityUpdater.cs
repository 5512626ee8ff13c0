using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Entities;

/// <summary>
/// Updates (POST, GFD.185 §3.4.3 partial update) and replaces (PUT) an entity: backend first, then the store
/// with the version read, under the gates of the entity and of the resources its new links name. A change
/// the store refuses after the backend made it is undone in the backend, so an error answered means nothing
/// changed. A PUT where nothing is creates there (<see cref="EntityCreator"/>).
/// </summary>
internal sealed class EntityUpdater(ICloudBackend backend, IEntityStore store, VisibleEntities visible, EntityReader reader,
    EntityCreator creator, CategoryRegistry registry, LocationGates gates, TenantQuotas quotas, KindChangeTurn kindChanges, ILogger<EntityUpdater> log)
{
    /// <summary>
    /// Links of runtime kinds given with an update are creates of runtime kinds: they share the category manager's
    /// turn, taken before the gates as a create takes it (issue 19 follow-up). So does an update of an entity of a runtime
    /// kind, checked against that kind's attributes (<see cref="KindChangeTurn.Concerns"/>): a redefinition in between
    /// would take effect before an update checked against the definition it replaced. So does one that gives a user
    /// mixin, which a DELETE on /-/ could remove between its check and its write. Other updates take none.
    /// </summary>
    private async ValueTask<KindChangeTurn.Shared?> TurnForGivenAsync(Entity given, CancellationToken ct)
    {
        var model = registry.Current;
        return KindChangeTurn.NamesUserMixins(given.Mixins, model) || given is Resource { Links.Count: > 0 } r && EntityCreator.LinksNameRuntimeKinds(r.Links, model)
            ? await kindChanges.ShareAsync(ct)
            : null;
    }

    /// <summary>
    /// POST to an entity: adds mixins, sets attributes, adds links (GFD.185 §3.4.3 partial update). The
    /// <paramref name="condition"/> is checked under the entity's gate, so conditional writes to it take turns.
    /// </summary>
    public async Task<StoredEntity> UpdateAsync(Caller caller, string location, Entity update, WriteCondition condition, CancellationToken ct)
    {
        var turn = await TurnForGivenAsync(update, ct);
        try
        {
            // The entity's kind is known once it is read under its gate; one of a runtime kind is read again in the turn.
            for (var inTurn = turn is not null; ; inTurn = true)
            {
                turn ??= inTurn ? await kindChanges.ShareAsync(ct) : null;
                using var held = await gates.EnterAsync(LocationGates.HeldBy(update).Prepend(location), ct);
                var record = await visible.FindAsync(caller, location, ct);
                condition.Check(record, location);
                var current = record.Entity;
                var model = registry.Current;
                if (!inTurn && KindChangeTurn.Concerns(current, model)) continue;
                Tenancy.CheckApplicable(caller, record.Owner, update.Mixins, model);
                var merged = EntityMerge.Update(current, update, model);

                var newLinks = update is Resource u ? u.Links.ToList() : [];
                if (newLinks.Count > 0 && current is not Resource) throw OcciException.BadRequest("links can only be added to a resource");
                if (newLinks.Count > 0) VisibleEntities.CheckLinkSource(caller, record);
                var prepared = new List<Link>();
                foreach (var l in newLinks) prepared.Add(await creator.PrepareInlineLinkAsync(caller, current, l, model, ct));

                return await ChangeWithLinksAsync(caller, record, merged, fresh => EntityMerge.Update(fresh, update, model), prepared, condition, ct);
            }
        }
        finally
        {
            turn?.Dispose();
        }
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
        if (record is null || !VisibleEntities.Visible(caller, record))
        {
            if (record is not null) throw OcciException.Conflict($"{location} is taken");
            condition.Check(null, location); // If-Match on nothing: 412 (RFC 9110 §13.1.1)
            return (await CreateOnlyAsync(caller, replacement, location, condition, ct), true);
        }
        var turn = await TurnForGivenAsync(replacement, ct);
        try
        {
            for (var inTurn = turn is not null; ; inTurn = true)
            {
                turn ??= inTurn ? await kindChanges.ShareAsync(ct) : null;
                using var held = await gates.EnterAsync(LocationGates.HeldBy(replacement).Prepend(location), ct);
                // Read again under the gate: a delete may have come first, and then the PUT is a 404 as after it.
                record = await visible.FindAsync(caller, location, ct);
                condition.Check(record, location);
                var current = record.Entity;
                var model = registry.Current;
                if (!inTurn && KindChangeTurn.Concerns(current, model)) continue; // read again in the turn, as an update
                Tenancy.CheckApplicable(caller, record.Owner, replacement.Mixins, model);
                var givenLinks = replacement is Resource withLinks ? withLinks.Links.ToList() : [];
                if (givenLinks.Count > 0 && current is not Resource) throw OcciException.BadRequest("links can only be added to a resource");
                var merged = EntityMerge.Replace(current, replacement, model);
                var prepared = new List<Link>();
                if (givenLinks.Count > 0)
                {
                    var existing = await store.QueryAsync(new EntityQuery { LinkSource = location }, ct);
                    foreach (var l in givenLinks.Where(l => !existing.Any(e => IsSameLink(e.Entity, l))))
                    {
                        VisibleEntities.CheckLinkSource(caller, record);
                        prepared.Add(await creator.PrepareInlineLinkAsync(caller, current, l, model, ct));
                    }
                }

                return (await ChangeWithLinksAsync(caller, record, merged, fresh => EntityMerge.Replace(fresh, replacement, model), prepared, condition, ct), false);
            }
        }
        finally
        {
            turn?.Dispose();
        }
    }

    /// <summary>
    /// The create of a PUT. With If-None-Match (create-only), another create that got there first after the
    /// check makes the location taken: the condition failed, 412, rather than the 409 of an unconditional PUT.
    /// </summary>
    private async Task<StoredEntity> CreateOnlyAsync(Caller caller, Entity replacement, string location, WriteCondition condition, CancellationToken ct)
    {
        try
        {
            return await creator.CreateAsync(caller, replacement, location, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict && condition.IsConditional)
        {
            if (await store.GetAsync(location, ct) is { } now) condition.Check(now, location);
            throw;
        }
    }

    /// <summary>The change, then the links it adds (their source is the changed resource), as the client will see it.</summary>
    private async Task<StoredEntity> ChangeWithLinksAsync(Caller caller, EntityRecord record, Entity merged, Func<Entity, Entity> remerge,
        List<Link> newLinks, WriteCondition condition, CancellationToken ct)
    {
        // A resize, a new resource template or new links reserve what they add (Occi:Quotas) until stored or refused.
        var model = registry.Current;
        var growth = newLinks.Aggregate(QuotaUse.Of(merged, record.Entity, model) - QuotaUse.Of(record.Entity, null, model), (u, l) => u + QuotaUse.Of(l, null, model));
        using var reservation = await quotas.ReserveAsync(record.Owner, growth, ct);
        var (result, version) = await ChangeAsync(caller, record, merged, remerge, condition, ct);
        foreach (var l in newLinks)
        {
            l.SourceBackendId = result.BackendId;
            await creator.CreateInBackendAndStoreAsync(caller, l, ct);
        }
        if (result is Resource resource) await reader.AttachLinksAsync(resource, ct);
        ActionLinks.Fill(result, registry.Current);
        return new(result, version);
    }

    /// <summary>A link given in a PUT is one the resource has when it names its location or id, or has its kind and target.</summary>
    private static bool IsSameLink(Entity stored, Link given) =>
        stored is Link l && (given.Location == l.Location || given.Id.Length > 0 && given.Id == l.Id
            || (given.Kind == default || given.Kind == CoreCategories.Link.Id || given.Kind == l.Kind) && given.Target == l.Target);

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
            catch (OcciException e) when (WriteRetry.Redoes(e, attempt))
            {
                record = await visible.FindAsync(caller, location, ct);
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
        try { await backend.UpdateAsync(caller, stored.Copy(), CancellationToken.None); }
        catch (Exception e) { log.LogError(e, "Could not restore {Location} in the backend after the store refused its update", stored.Location); }
    }
}
