using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    /// <summary>
    /// A kind's own and its parents' actions per state, worked out once per kind (kinds are immutable, and a model
    /// refresh makes new ones, so the table goes with its kind): every answer of an entity asks for them.
    /// </summary>
    private static readonly ConditionalWeakTable<Kind, KindActions> ByKind = new();

    public static void Fill(Entity entity, CategorySnapshot model)
    {
        entity.Actions.Clear();
        if (model.FindKind(entity.Kind) is not { } kind) return;
        var state = StateMachines.StateAttributeOf(kind.Id) is { } stateAttribute ? entity.Attributes.GetString(stateAttribute) : null;
        entity.Actions.AddRange(ByKind.GetValue(kind, static k => new KindActions(k)).In(state));
        foreach (var mixinId in entity.Mixins)
            if (model.FindMixin(mixinId) is { } mixin)
                foreach (var a in mixin.Actions)
                    if (!entity.Actions.Contains(a.Id)) entity.Actions.Add(a.Id);
    }

    private sealed class KindActions(Kind kind)
    {
        // The states a backend reports are a handful per kind; an odd one past this many is worked out each time.
        private const int MaxStates = 32;
        private readonly ConcurrentDictionary<string, CategoryId[]> _byState = new(StringComparer.Ordinal);
        private CategoryId[]? _stateless;

        public CategoryId[] In(string? state)
        {
            if (state is null) return _stateless ??= Compute(null);
            if (_byState.TryGetValue(state, out var actions)) return actions;
            actions = Compute(state);
            if (_byState.Count < MaxStates) _byState.TryAdd(state, actions);
            return actions;
        }

        private CategoryId[] Compute(string? state)
        {
            var actions = StateMachines.AllowedActions(kind, state).ToList();
            for (var parent = kind.Parent; parent is not null; parent = parent.Parent)
                actions.AddRange(parent.Actions.Select(a => a.Id));
            return [.. actions];
        }
    }
}
