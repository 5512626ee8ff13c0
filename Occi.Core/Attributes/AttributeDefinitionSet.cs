using System.Collections;

namespace Occi.Core.Attributes;

/// <summary>An immutable, ordered set of attribute definitions, looked up by name.</summary>
public sealed class AttributeDefinitionSet : IReadOnlyCollection<AttributeDefinition>
{
    public static readonly AttributeDefinitionSet Empty = new([]);

    private readonly AttributeDefinition[] _items;
    private readonly Dictionary<string, AttributeDefinition> _byName;

    private AttributeDefinitionSet(AttributeDefinition[] items)
    {
        _items = items;
        _byName = new Dictionary<string, AttributeDefinition>(items.Length, StringComparer.Ordinal);
        foreach (var d in items)
            if (!_byName.TryAdd(d.Name, d)) throw new ArgumentException($"attribute '{d.Name}' is defined twice");
    }

    public static AttributeDefinitionSet From(IEnumerable<AttributeDefinition>? items)
    {
        var array = items?.ToArray() ?? [];
        return array.Length == 0 ? Empty : new AttributeDefinitionSet(array);
    }

    public int Count => _items.Length;
    public bool TryGet(string name, out AttributeDefinition definition) => _byName.TryGetValue(name, out definition!);
    public AttributeDefinition? this[string name] => _byName.GetValueOrDefault(name);
    public IEnumerator<AttributeDefinition> GetEnumerator() => ((IEnumerable<AttributeDefinition>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
