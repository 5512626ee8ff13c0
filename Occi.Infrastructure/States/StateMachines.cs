using System.Collections.Frozen;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Infrastructure.States;

/// <summary>
/// The state machines of GFD.184 §3 (figures 2–4) and GFD.224, as data that operations and backends ask.
/// Compute: inactive –start→ active, active –stop→ inactive, active –restart→ active,
/// active –suspend→ suspended, suspended –start→ active; save keeps a running compute active; an
/// errored compute may be started or stopped to recover. Storage: offline ⇄ online; backup, snapshot and
/// resize run on an online volume and end online. Network: inactive ⇄ active through up/down.
/// </summary>
public static class StateMachines
{
    public static IReadOnlyList<StateTransition> Transitions { get; } =
    [
        new(Compute.Kind.Id, "inactive", Compute.Start.Id, "active"),
        new(Compute.Kind.Id, "suspended", Compute.Start.Id, "active"),
        new(Compute.Kind.Id, "error", Compute.Start.Id, "active"),
        new(Compute.Kind.Id, "active", Compute.Stop.Id, "inactive"),
        new(Compute.Kind.Id, "suspended", Compute.Stop.Id, "inactive"),
        new(Compute.Kind.Id, "error", Compute.Stop.Id, "inactive"),
        new(Compute.Kind.Id, "active", Compute.Restart.Id, "active"),
        new(Compute.Kind.Id, "active", Compute.Suspend.Id, "suspended"),
        new(Compute.Kind.Id, "active", Compute.Save.Id, "active"),
        new(Compute.Kind.Id, "inactive", Compute.Save.Id, "inactive"),

        new(Storage.Kind.Id, "offline", Storage.Online.Id, "online"),
        new(Storage.Kind.Id, "error", Storage.Online.Id, "online"),
        new(Storage.Kind.Id, "online", Storage.Offline.Id, "offline"),
        new(Storage.Kind.Id, "online", Storage.Backup.Id, "online"),
        new(Storage.Kind.Id, "online", Storage.Snapshot.Id, "online"),
        new(Storage.Kind.Id, "online", Storage.Resize.Id, "online"),
        new(Storage.Kind.Id, "offline", Storage.Resize.Id, "offline"),

        new(Network.Kind.Id, "inactive", Network.Up.Id, "active"),
        new(Network.Kind.Id, "error", Network.Up.Id, "active"),
        new(Network.Kind.Id, "active", Network.Down.Id, "inactive"),
    ];

    private static readonly FrozenDictionary<(CategoryId, string, CategoryId), string> ByKey =
        Transitions.ToFrozenDictionary(t => (t.Kind, t.From, t.Action), t => t.To);

    private static readonly FrozenDictionary<CategoryId, string> StateAttributes = new Dictionary<CategoryId, string>
    {
        [Compute.Kind.Id] = Compute.State,
        [Storage.Kind.Id] = Storage.State,
        [Network.Kind.Id] = Network.State,
        [NetworkInterface.Kind.Id] = NetworkInterface.State,
        [StorageLink.Kind.Id] = StorageLink.State,
    }.ToFrozenDictionary();

    /// <summary>The attribute holding a kind's state (occi.compute.state, …), or null for kinds without one.</summary>
    public static string? StateAttributeOf(CategoryId kind) => StateAttributes.GetValueOrDefault(kind);

    /// <summary>True when the kind has a state machine that governs this action.</summary>
    public static bool Governs(CategoryId kind, CategoryId action) => Transitions.Any(t => t.Kind == kind && t.Action == action);

    /// <summary>The state after <paramref name="action"/> in <paramref name="state"/>; null when the action is not allowed there.</summary>
    public static string? Next(CategoryId kind, string state, CategoryId action) => ByKey.GetValueOrDefault((kind, state, action));

    /// <summary>Actions allowed in a state, in the order the kind lists them (what GET renders as action links).</summary>
    public static IEnumerable<CategoryId> AllowedActions(Kind kind, string? state)
    {
        foreach (var action in kind.Actions)
            if (!Governs(kind.Id, action.Id) || (state is not null && ByKey.ContainsKey((kind.Id, state, action.Id))))
                yield return action.Id;
    }
}
