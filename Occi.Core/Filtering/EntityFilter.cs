using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Filtering;

/// <summary>
/// GFD.185 §3.4.1 / GFD.223 §4.3: a collection request may be narrowed by Category (the entity's kind,
/// one of its parents, or one of its mixins) and by exact attribute values. All conditions must hold.
/// </summary>
public sealed class EntityFilter
{
    public static readonly EntityFilter None = new([], []);

    public EntityFilter(IReadOnlyList<CategoryId> categories, IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes)
    {
        Categories = categories;
        Attributes = attributes;
    }

    public IReadOnlyList<CategoryId> Categories { get; }
    public IReadOnlyList<KeyValuePair<string, AttributeValue>> Attributes { get; }
    public bool IsEmpty => Categories.Count == 0 && Attributes.Count == 0;

    public bool Matches(Entity entity, CategorySnapshot snapshot)
    {
        foreach (var c in Categories)
        {
            var kindMatches = snapshot.FindKind(entity.Kind)?.IsOrInherits(c) ?? entity.Kind == c;
            if (!kindMatches && !entity.Mixins.Contains(c)) return false;
        }
        foreach (var (name, wanted) in Attributes)
        {
            if (!ValueOf(entity, name, out var actual)) return false;
            // Text renderings carry "2" and 2 alike; compare what a person reading them would compare.
            if (!actual.Equals(wanted) && actual.ToString() != wanted.ToString()) return false;
        }
        return true;
    }

    private static bool ValueOf(Entity entity, string name, out AttributeValue value)
    {
        switch (name)
        {
            case Entity.IdAttribute: value = entity.Id; return true;
            case Link.SourceAttribute when entity is Link l: value = l.Source; return true;
            case Link.TargetAttribute when entity is Link l: value = l.Target; return true;
            default: return entity.Attributes.TryGet(name, out value);
        }
    }
}
