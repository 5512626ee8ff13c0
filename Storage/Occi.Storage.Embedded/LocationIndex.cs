namespace Occi.Storage.Embedded;

/// <summary>A secondary index of the in-memory view: key (a kind, a mixin, an owner, a link end) → its entities' locations, in location order.</summary>
internal sealed class LocationIndex
{
    private readonly Dictionary<string, SortedLocations> _sets = new(StringComparer.Ordinal);

    /// <summary>The locations under <paramref name="key"/>, or null when there are none. Read only; valid until the next change.</summary>
    public SortedLocations? Get(string key) => _sets.GetValueOrDefault(key);

    public void Add(string? key, string location)
    {
        if (key is null) return;
        if (!_sets.TryGetValue(key, out var set)) _sets[key] = set = new SortedLocations();
        set.Add(location);
    }

    public void Remove(string? key, string location)
    {
        if (key is null || !_sets.TryGetValue(key, out var set)) return;
        set.Remove(location);
        if (set.Count == 0) _sets.Remove(key);
    }
}
