using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.States;

namespace Occi.Backends.Local;

/// <summary>
/// What the simulated cloud holds about one thing it runs. Immutable: a change publishes a new instance,
/// so readers take one without locking and copy its attributes out.
/// </summary>
internal sealed class SimulatedEntity
{
    public SimulatedEntity(string id, CategoryId kind, CategoryId[] mixins, KeyValuePair<string, AttributeValue>[] attributes,
        string? location, string? source, string? target, PendingTransition? pending, string? sourceId = null, string? targetId = null)
    {
        SourceId = sourceId;
        TargetId = targetId;
        Id = id;
        Kind = kind;
        Mixins = mixins;
        Attributes = attributes;
        Location = location;
        Source = source;
        Target = target;
        Pending = pending;
        StateAttribute = StateMachines.StateAttributeOf(kind);
    }

    /// <summary>The backend id.</summary>
    public string Id { get; }
    public CategoryId Kind { get; }
    public CategoryId[] Mixins { get; }

    /// <summary>The live attributes: everything but the occi.core.* ones, which the server's store owns.</summary>
    public KeyValuePair<string, AttributeValue>[] Attributes { get; }

    /// <summary>Where the server placed it ("/compute/…"), when known; links name their ends by location.</summary>
    public string? Location { get; }
    public string? Source { get; }
    public string? Target { get; }
    /// <summary>Backend ids of the link's ends, when the server resolved them (Link.SourceBackendId/TargetBackendId).</summary>
    public string? SourceId { get; }
    public string? TargetId { get; }
    public PendingTransition? Pending { get; }
    public string? StateAttribute { get; }

    public bool IsLink => Source is not null;

    public AttributeValue? Get(string name)
    {
        foreach (var kv in Attributes)
            if (string.Equals(kv.Key, name, StringComparison.Ordinal)) return kv.Value;
        return null;
    }

    public string? GetString(string name) => Get(name) is { IsString: true } v ? v.AsString : null;

    public string? State => StateAttribute is null ? null : GetString(StateAttribute);

    public SimulatedEntity With(KeyValuePair<string, AttributeValue>[]? attributes = null, CategoryId[]? mixins = null,
        PendingTransition? pending = null, bool clearPending = false, string? location = null) =>
        new(Id, Kind, mixins ?? Mixins, attributes ?? Attributes, location ?? Location, Source, Target,
            clearPending ? null : pending ?? Pending, SourceId, TargetId);

    /// <summary>The entity as it is at <paramref name="now"/>: a pending transition that is due has completed.</summary>
    public SimulatedEntity At(DateTimeOffset now)
    {
        if (Pending is not { } p || now < p.DueUtc) return this;
        var attrs = new AttributeBag(Attributes);
        foreach (var (name, value) in p.Changes) attrs[name] = value;
        if (StateAttribute is not null)
        {
            attrs[StateAttribute] = p.To;
            attrs.Remove(StateAttribute + ".message");
        }
        return With(attributes: attrs.ToArray(), clearPending: true);
    }
}
