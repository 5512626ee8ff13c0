using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;

namespace Occi.Core.Filtering;

/// <summary>
/// GFD.185 §3.4.1 / GFD.223 §4.3: a collection request may be narrowed by Category (the entity's kind,
/// one of its parents, or one of its mixins) and by exact attribute values. All conditions must hold.
/// </summary>
public sealed class EntityFilter
{
    public static readonly EntityFilter None = new([], []);

    private readonly string[] _wantedTexts; // the attribute conditions' text forms, made once per filter

    public EntityFilter(IReadOnlyList<CategoryId> categories, IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes)
    {
        Categories = categories;
        Attributes = attributes;
        _wantedTexts = attributes.Select(a => a.Value.ToString()).ToArray();
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
        for (var i = 0; i < _wantedTexts.Length; i++)
            if (!HasAttributeText(entity, Attributes[i].Key, _wantedTexts[i])) return false;
        return true;
    }

    /// <summary>
    /// Whether the entity's attribute <paramref name="name"/> reads <paramref name="text"/>: the one rule of an
    /// attribute condition, for this filter and for every store's <see cref="EntityQuery.Attributes"/>. Text
    /// renderings carry "2" and 2 alike, so values compare by their text form (<see cref="AttributeValue.ToString"/>),
    /// as a person reading them would. occi.core.id, occi.core.source and occi.core.target are the entity's own
    /// keys, not among its attributes: they compare the id and a link's ends (a resource has no ends).
    /// </summary>
    public static bool HasAttributeText(Entity entity, string name, string text) => name switch
    {
        Entity.IdAttribute => string.Equals(entity.Id, text, StringComparison.Ordinal),
        Link.SourceAttribute => entity is Link link && string.Equals(link.Source, text, StringComparison.Ordinal),
        Link.TargetAttribute => entity is Link link && string.Equals(link.Target, text, StringComparison.Ordinal),
        _ => entity.Attributes.TryGet(name, out var value) && string.Equals(value.ToString(), text, StringComparison.Ordinal),
    };
}
