using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Core.Validation;
using Occi.Infrastructure.States;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Entities;

/// <summary>
/// Triggers actions (GFD.185 §3.4.4): the action must be the entity's, its attributes fit, and the state
/// machine allow it in the entity's live state; the backend performs it and its outcome is stored.
/// </summary>
internal sealed class EntityActions(ICloudBackend backend, IEntityStore store, VisibleEntities visible, CategoryRegistry registry, LocationGates gates,
    TenantQuotas quotas, KindChangeTurn kindChanges)
{
    /// <summary>
    /// Triggers an action on one entity. A conditional one holds the entity's gate, so its check and write take
    /// turns with updates, replaces, deletes and other conditional actions. Once the backend has performed it,
    /// its outcome is stored even if a write that takes no gate (a plain action) slipped in: a 412 would claim
    /// that nothing happened. An action on an entity of a runtime kind shares the category manager's turn
    /// (<see cref="KindChangeTurn"/>), so a redefinition of the kind's actions waits for it or comes before its check.
    /// </summary>
    public async Task<StoredEntity> InvokeAsync(Caller caller, string location, ActionInvocation invocation, WriteCondition condition, CancellationToken ct)
    {
        KindChangeTurn.Shared? turn = null;
        try
        {
            for (var inTurn = false; ; inTurn = true)
            {
                turn ??= inTurn ? await kindChanges.ShareAsync(ct) : null;
                string?[] gated = condition.IsConditional ? [location] : [];
                using var held = await gates.EnterAsync(gated, ct);
                var record = await visible.FindAsync(caller, location, ct);
                condition.Check(record, location);
                var entity = record.Entity;
                var model = registry.Current;
                // A runtime kind's actions change with its redefinition: its entity's action is checked and done in the turn.
                if (!inTurn && KindChangeTurn.Concerns(entity, model)) continue;
                var action = CheckAction(entity, invocation, model);
                if (!await backend.RefreshAsync(caller, entity, ReadFreshness.Live, ct)) EntityState.MarkVanished(entity);
                if (StateMachines.StateAttributeOf(entity.Kind) is { } stateAttribute && StateMachines.Governs(entity.Kind, action.Id))
                {
                    var state = entity.Attributes.GetString(stateAttribute) ?? "";
                    if (StateMachines.Next(entity.Kind, state, action.Id) is null)
                        throw OcciException.Conflict($"action {action.Term} is not allowed on {location} in state '{state}'");
                }
                var before = entity.Copy();
                using var reservation = await quotas.ReserveAsync(record.Owner, QuotaUse.OfAction(entity, action, invocation), ct); // a storage's resize
                var result = await backend.InvokeAsync(caller, entity, invocation, ct);
                result.Location = location;
                var stored = await StoreActionResultAsync(caller, record, before, result, ct);
                ActionLinks.Fill(stored.Entity, registry.Current);
                return stored;
            }
        }
        finally
        {
            turn?.Dispose();
        }
    }

    /// <summary>The action must exist and be defined for the entity's kind or one of its mixins; its attributes must fit.</summary>
    private static OcciAction CheckAction(Entity entity, ActionInvocation invocation, CategorySnapshot model)
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
            catch (OcciException e) when (WriteRetry.Redoes(e, attempt))
            {
                var fresh = await visible.FindAsync(caller, before.Location!, ct);
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
}
