using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Entities;

/// <summary>
/// Which entities a mixin is applied to (GFD.185 §3.4.2, a mixin's collection): a membership only OCCI knows,
/// so it lives in the store alone. Every location named must be an entity the caller sees (else 400), and a PUT
/// replaces only the memberships of the entities the caller sees.
/// </summary>
internal sealed class MixinMembership(IEntityStore store, VisibleEntities visible, CategoryRegistry registry, KindChangeTurn kindChanges)
{
    /// <summary>
    /// Adds a mixin to entities (POST to a mixin collection), or makes them its only members (PUT). A user mixin's
    /// shares the category manager's turn, so a DELETE of the mixin on /-/ comes before (404 here) or after it (and
    /// takes the mixin off these entities too).
    /// </summary>
    public async Task AssociateAsync(Caller caller, Mixin mixin, IReadOnlyList<string> locations, bool replace, CancellationToken ct)
    {
        using var turn = mixin.IsUserDefined ? await kindChanges.ShareAsync(ct) : (KindChangeTurn.Shared?)null;
        var model = registry.Current;
        if (model.FindMixin(mixin.Id) is null) throw OcciException.NotFound($"no category {mixin.Id}: deleted meanwhile");
        foreach (var location in locations)
        {
            var record = await visible.FindReferencedAsync(caller, location, "entity", ct);
            Tenancy.CheckApplicable(caller, record.Owner, [mixin.Id], model);
            var kind = model.FindKind(record.Entity.Kind);
            if (kind is not null && !mixin.CanApplyTo(kind))
                throw OcciException.BadRequest($"mixin {mixin.Id} does not apply to {location} (kind {kind.Id})");
        }
        if (replace)
        {
            // The members the caller sees give way to the new list; another tenant's memberships stay as they are.
            var current = Tenancy.SeesEveryTenant(caller)
                ? null
                : await store.QueryLocationsAsync(new EntityQuery { Mixin = mixin.Id, Owner = VisibleEntities.OwnerFilter(caller) }, ct);
            if (current is null || current.Count > 0) await store.DissociateMixinAsync(mixin.Id, current, ct);
        }
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
        foreach (var location in locations ?? []) await visible.FindReferencedAsync(caller, location, "entity", ct);
        await store.DissociateMixinAsync(mixin.Id, locations, ct);
    }
}
