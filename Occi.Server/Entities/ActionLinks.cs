using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure.States;

namespace Occi.Server.Entities;

/// <summary>
/// The action links an entity shows (GFD.185 §3.4.4): the kind's actions the state machine allows now, its
/// parents' actions, plus every action a mixin brings. Computed per answer, never stored.
/// </summary>
internal static class ActionLinks
{
    public static void Fill(Entity entity, CategorySnapshot model)
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
}
