using System.Runtime.InteropServices;

namespace Occi.Storage.Embedded;

/// <summary>
/// A secondary index of the in-memory view: key (a kind, a mixin, an owner, a link end) → its entities' locations,
/// in location order. A key of one location holds the string itself: a resource's links by their source are mostly
/// one each, and a set of one cost five objects (about 200 bytes) per link.
/// </summary>
internal sealed class LocationIndex
{
    /// <summary>Each key's one location, or its <see cref="SortedLocations"/> of two or more.</summary>
    private readonly Dictionary<string, object> _sets = new(StringComparer.Ordinal);

    /// <summary>The locations under <paramref name="key"/>, or null when there are none; a key of one location gives a new set of it. Read only; valid until the next change.</summary>
    public SortedLocations? Get(string key) => _sets.GetValueOrDefault(key) switch
    {
        SortedLocations set => set,
        string one => [one],
        _ => null,
    };

    /// <summary>How many locations <paramref name="key"/> has.</summary>
    public int Count(string key) => _sets.GetValueOrDefault(key) switch
    {
        SortedLocations set => set.Count,
        string => 1,
        _ => 0,
    };

    /// <summary>The locations under <paramref name="key"/> in order, no set made for a single one. Valid until the next change.</summary>
    public IEnumerable<string> Members(string key) => _sets.GetValueOrDefault(key) switch
    {
        SortedLocations set => set,
        string one => [one],
        _ => [],
    };

    public void Add(string? key, string location)
    {
        if (key is null) return;
        ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_sets, key, out var exists);
        if (!exists) held = location;
        else if (held is SortedLocations set) set.Add(location);
        else if (held is string one && !string.Equals(one, location, StringComparison.Ordinal)) held = new SortedLocations { one, location };
    }

    public void Remove(string? key, string location)
    {
        if (key is null || !_sets.TryGetValue(key, out var held)) return;
        if (held is SortedLocations set)
        {
            if (set.Remove(location) && set.Count == 1) _sets[key] = set.First(); // back to one string
        }
        else if (string.Equals((string)held, location, StringComparison.Ordinal)) _sets.Remove(key);
    }
}
