using System.Collections;

namespace Occi.Core.Attributes;

/// <summary>
/// An entity's attribute values by name, in insertion order (so renderings are stable).
/// Names compare ordinally: GFD.185 attribute names are case-sensitive.
/// </summary>
public sealed class AttributeBag : IEnumerable<KeyValuePair<string, AttributeValue>>
{
    private readonly List<KeyValuePair<string, AttributeValue>> _items;
    private Dictionary<string, int>? _index; // built past a handful of attributes; linear search is faster below

    public AttributeBag() => _items = [];
    public AttributeBag(IEnumerable<KeyValuePair<string, AttributeValue>> items) : this()
    {
        foreach (var kv in items) this[kv.Key] = kv.Value;
    }

    public int Count => _items.Count;

    public AttributeValue this[string name]
    {
        get => TryGet(name, out var v) ? v : throw new KeyNotFoundException($"no attribute '{name}'");
        set
        {
            var i = IndexOf(name);
            if (i >= 0) { _items[i] = new(name, value); return; }
            _items.Add(new(name, value));
            _index?.Add(name, _items.Count - 1);
            if (_index is null && _items.Count > 8) BuildIndex();
        }
    }

    /// <summary>Room for this many attributes without growing (a parser that knows the count allocates once).</summary>
    public void EnsureCapacity(int capacity) => _items.EnsureCapacity(capacity);

    public bool Contains(string name) => IndexOf(name) >= 0;

    public bool TryGet(string name, out AttributeValue value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _items[i].Value : default;
        return i >= 0;
    }

    public string? GetString(string name) => TryGet(name, out var v) && v.IsString ? v.AsString : null;

    public void Set(string name, AttributeValue? value)
    {
        if (value is { } v) this[name] = v;
        else Remove(name);
    }

    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0) return false;
        _items.RemoveAt(i);
        if (_index is not null) BuildIndex();
        return true;
    }

    public AttributeBag Clone() => new(_items);

    /// <summary>The attributes in order, in an array of their exact count (Enumerable.ToArray would grow one as it walks the bag).</summary>
    public KeyValuePair<string, AttributeValue>[] ToArray() => _items.ToArray();

    private int IndexOf(string name)
    {
        if (_index is not null) return _index.TryGetValue(name, out var i) ? i : -1;
        for (var i = 0; i < _items.Count; i++)
            if (string.Equals(_items[i].Key, name, StringComparison.Ordinal)) return i;
        return -1;
    }

    private void BuildIndex()
    {
        _index = new Dictionary<string, int>(_items.Count, StringComparer.Ordinal);
        for (var i = 0; i < _items.Count; i++) _index[_items[i].Key] = i;
    }

    /// <summary>The list's own struct enumerator, so that foreach over a bag allocates nothing.</summary>
    public List<KeyValuePair<string, AttributeValue>>.Enumerator GetEnumerator() => _items.GetEnumerator();
    IEnumerator<KeyValuePair<string, AttributeValue>> IEnumerable<KeyValuePair<string, AttributeValue>>.GetEnumerator() => GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
