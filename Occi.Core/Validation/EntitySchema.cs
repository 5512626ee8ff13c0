using System.Collections.Concurrent;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Validation;

/// <summary>
/// What the model says of an entity of one kind with one list of mixins: every attribute definition it has by
/// name (the kind chain's first, then each mixin's with its depends, in order; the first definition of a name
/// wins) and the defaults a create fills in (a mixin's outrank the kind's, GFD.184 §3.5). A snapshot never
/// changes, so each combination is worked out once per snapshot (<see cref="Cache"/>) instead of in three
/// dictionaries on every create (issue 13).
/// </summary>
internal sealed class EntitySchema
{
    private EntitySchema(CategorySnapshot model, CategoryId kind, IReadOnlyList<CategoryId> mixins)
    {
        foreach (var d in model.AttributesOf(kind, mixins)) Definitions.TryAdd(d.Name, d);
        foreach (var mixinId in mixins)
            if (model.FindMixin(mixinId) is { } m)
                foreach (var d in m.SelfAndDependencies().SelectMany(x => x.Attributes))
                    if (d.Default is { } v) Defaults.TryAdd(d.Name, v);
        foreach (var d in Definitions.Values)
            if (d.Default is { } v) Defaults.TryAdd(d.Name, v);
    }

    /// <summary>Read only: shared by every request of the snapshot.</summary>
    public Dictionary<string, AttributeDefinition> Definitions { get; } = new(StringComparer.Ordinal);

    /// <summary>Read only: shared by every request of the snapshot.</summary>
    public Dictionary<string, AttributeValue> Defaults { get; } = new(StringComparer.Ordinal);

    public static EntitySchema Of(CategorySnapshot model, CategoryId kind, IReadOnlyList<CategoryId> mixins) => model.Schemas.Get(model, kind, mixins);

    /// <summary>
    /// A snapshot's schemas by kind and mixin list. Looked up without allocating (the key borrows the entity's
    /// list); bounded, since clients choose the mixin lists: past <see cref="Capacity"/> a schema is built per call.
    /// </summary>
    internal sealed class Cache
    {
        private const int Capacity = 1024;
        private readonly ConcurrentDictionary<Key, EntitySchema> _schemas = new();
        private int _count; // ConcurrentDictionary.Count would take every bucket lock

        public EntitySchema Get(CategorySnapshot model, CategoryId kind, IReadOnlyList<CategoryId> mixins)
        {
            if (_schemas.TryGetValue(new Key(kind, mixins), out var schema)) return schema;
            schema = new EntitySchema(model, kind, mixins);
            if (Volatile.Read(ref _count) < Capacity && _schemas.TryAdd(new Key(kind, [.. mixins]), schema)) Interlocked.Increment(ref _count);
            return schema;
        }
    }

    /// <summary>A kind and its mixins in order (order decides which definition and default wins).</summary>
    private readonly struct Key(CategoryId kind, IReadOnlyList<CategoryId> mixins) : IEquatable<Key>
    {
        private readonly CategoryId _kind = kind;
        private readonly IReadOnlyList<CategoryId> _mixins = mixins;

        public bool Equals(Key other)
        {
            if (_kind != other._kind || _mixins.Count != other._mixins.Count) return false;
            for (var i = 0; i < _mixins.Count; i++)
                if (_mixins[i] != other._mixins[i]) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_kind);
            for (var i = 0; i < _mixins.Count; i++) hash.Add(_mixins[i]);
            return hash.ToHashCode();
        }
    }
}
