namespace Occi.Storage.Embedded;

/// <summary>
/// The view's (owner, kind) index (issue 14): a tenant's entities of one kind, in location order, so a tenant's
/// kind listing is a set copied a page at a time, as a one-tenant listing is from the kind index, however many
/// other tenants' entities the file holds. Entities without an owner are not in it (no tenant's query names them).
/// </summary>
internal sealed class OwnerKindIndex
{
    private readonly Dictionary<(string Owner, string Kind), SortedLocations> _sets = new();

    /// <summary>The owner's locations of that kind, or null when there are none. Read only; valid until the next change.</summary>
    public SortedLocations? Get(string owner, string kind) => _sets.GetValueOrDefault((owner, kind));

    public void Add(StoredEntity e)
    {
        if (e.Owner is not { } owner) return;
        if (!_sets.TryGetValue((owner, e.Kind), out var set)) _sets[(owner, e.Kind)] = set = new SortedLocations();
        set.Add(e.Location);
    }

    public void Remove(StoredEntity e)
    {
        if (e.Owner is not { } owner || !_sets.TryGetValue((owner, e.Kind), out var set)) return;
        set.Remove(e.Location);
        if (set.Count == 0) _sets.Remove((owner, e.Kind));
    }
}
