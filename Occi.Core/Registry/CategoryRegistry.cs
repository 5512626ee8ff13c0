using Occi.Core.Model;

namespace Occi.Core.Registry;

/// <summary>
/// The server's categories: the built-in model, what the backend offers, and user mixins added and
/// removed at run time through the query interface. Changes build a new <see cref="CategorySnapshot"/>
/// and swap it in (copy-on-write), so readers never lock.
/// </summary>
public sealed class CategoryRegistry
{
    private readonly object _writeLock = new();
    private CategorySnapshot _current;

    public CategoryRegistry(IEnumerable<Category> categories)
    {
        _current = new CategorySnapshot(Closure(categories), 1);
    }

    public CategorySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Raised after a change, with the new snapshot.</summary>
    public event Action<CategorySnapshot>? Changed;

    /// <summary>Adds (or replaces) categories, e.g. a user mixin or a template the backend now offers.</summary>
    public CategorySnapshot Add(params Category[] categories)
    {
        CategorySnapshot next;
        lock (_writeLock)
        {
            next = Build(_current, [], categories);
            Volatile.Write(ref _current, next);
        }
        Changed?.Invoke(next);
        return next;
    }

    /// <summary>Removes categories by identity; returns false when none was there.</summary>
    public bool Remove(params CategoryId[] ids)
    {
        CategorySnapshot next;
        lock (_writeLock)
        {
            var current = _current;
            next = Build(current, ids, []);
            if (next.Categories.Count == current.Categories.Count) return false;
            Volatile.Write(ref _current, next);
        }
        Changed?.Invoke(next);
        return true;
    }

    /// <summary>
    /// Removes <paramref name="remove"/> and adds <paramref name="add"/> in one change, but only while the
    /// registry is still <paramref name="basedOn"/>; false (and no change) when something changed it since.
    /// For a caller that decided what to change from a snapshot and slow I/O (re-reading the stored user
    /// mixins): a user mixin added or removed meanwhile must not be undone by that stale decision.
    /// </summary>
    public bool TryUpdate(CategorySnapshot basedOn, IReadOnlyCollection<CategoryId> remove, IReadOnlyCollection<Category> add)
    {
        CategorySnapshot next;
        lock (_writeLock)
        {
            if (!ReferenceEquals(_current, basedOn)) return false;
            next = Build(basedOn, remove, add);
            Volatile.Write(ref _current, next);
        }
        Changed?.Invoke(next);
        return true;
    }

    /// <summary>The next snapshot: <paramref name="current"/> without <paramref name="remove"/>, with <paramref name="add"/> (checked for clashes). Under the write lock.</summary>
    private static CategorySnapshot Build(CategorySnapshot current, IReadOnlyCollection<CategoryId> remove, IReadOnlyCollection<Category> add)
    {
        var removed = remove.ToHashSet();
        IReadOnlyList<Category> kept = removed.Count == 0 ? current.Categories : current.Categories.Where(c => !removed.Contains(c.Id)).ToList();
        if (add.Count == 0) return new CategorySnapshot(kept, current.Version + 1);
        foreach (var c in add)
        {
            if (current.Find(c.Id) is { } existing && !removed.Contains(existing.Id) && existing.GetType() != c.GetType())
                throw OcciException.Conflict($"category {c.Id} already exists as a {existing.ClassName}");
            if (CategorySnapshot.LocationOf(c) is { } location && current.FindByLocation(location) is { } other
                && other.Id != c.Id && !removed.Contains(other.Id))
                throw OcciException.Conflict($"location {location} is already used by {other.Id}");
        }
        // The closure brings along a kind's actions and parent and a mixin's depends and actions.
        var closure = Closure(add).Where(c => !CoreCategories.All.Contains(c)).ToList();
        var added = closure.ToDictionary(c => c.Id);
        // A category replaced keeps its place and new ones go last, so the query interface's order stays put
        // (a saved image depending on os_tpl no longer moves os_tpl to the end).
        var next = new List<Category>(kept.Count + added.Count);
        foreach (var c in kept) next.Add(added.Remove(c.Id, out var replacement) ? replacement : c);
        next.AddRange(closure.Where(c => added.ContainsKey(c.Id)));
        return new CategorySnapshot(next, current.Version + 1);
    }

    /// <summary>The given categories plus their parents, depends and actions, so lookups never dangle.</summary>
    private static List<Category> Closure(IEnumerable<Category> roots)
    {
        var seen = new Dictionary<string, Category>(StringComparer.Ordinal);
        var order = new List<Category>();
        void Visit(Category c)
        {
            if (!seen.TryAdd(c.Id.Identity, c)) return;
            order.Add(c);
            switch (c)
            {
                case Kind k:
                    if (k.Parent is not null) Visit(k.Parent);
                    foreach (var a in k.Actions) Visit(a);
                    break;
                case Mixin m:
                    foreach (var d in m.Depends) if (!d.IsReferenceOnly) Visit(d);
                    foreach (var a in m.Actions) Visit(a);
                    break;
            }
        }
        foreach (var c in CoreCategories.All) Visit(c);
        foreach (var c in roots) Visit(c);
        return order;
    }
}
