using System.Collections.Frozen;
using Occi.Core.Model;

namespace Occi.Core.Registry;

/// <summary>
/// One immutable state of the registry: every category by identity, kinds and mixins by location.
/// Readers hold a snapshot for the whole request and never lock.
/// </summary>
public sealed class CategorySnapshot
{
    private readonly FrozenDictionary<string, Category> _byIdentity;
    private readonly FrozenDictionary<string, Category>.AlternateLookup<ReadOnlySpan<char>> _byIdentitySpan;
    private readonly FrozenDictionary<string, Category> _byLocation;

    internal CategorySnapshot(IReadOnlyList<Category> categories, long version)
    {
        Categories = categories;
        Version = version;
        _byIdentity = categories.ToFrozenDictionary(c => c.Id.Identity, StringComparer.Ordinal);
        _byIdentitySpan = _byIdentity.GetAlternateLookup<ReadOnlySpan<char>>();
        var byLocation = new Dictionary<string, Category>(StringComparer.Ordinal);
        foreach (var c in categories)
            if (LocationOf(c) is { } location && !byLocation.TryAdd(location, c))
                throw new ArgumentException($"location {location} is used by both {byLocation[location].Id} and {c.Id}");
        _byLocation = byLocation.ToFrozenDictionary(StringComparer.Ordinal);
        Kinds = categories.OfType<Kind>().ToArray();
        Mixins = categories.OfType<Mixin>().ToArray();
        Actions = categories.OfType<OcciAction>().ToArray();
    }

    /// <summary>Attribute definitions and defaults by kind and mixins, worked out once per snapshot (validation).</summary>
    internal Validation.EntitySchema.Cache Schemas { get; } = new();

    /// <summary>Bumped on every change, so caches of renderings know when to drop.</summary>
    public long Version { get; }

    public IReadOnlyList<Category> Categories { get; }
    public IReadOnlyList<Kind> Kinds { get; }
    public IReadOnlyList<Mixin> Mixins { get; }
    public IReadOnlyList<OcciAction> Actions { get; }

    public static string? LocationOf(Category c) => c switch
    {
        Kind k => k.Location,
        Mixin m => m.Location,
        _ => null,
    };

    /// <summary>Looks scheme + term up without joining them into a string (renderings look up every category they write).</summary>
    public Category? Find(CategoryId id)
    {
        if (id.Scheme is null || id.Term is null || id.Scheme.Length + id.Term.Length > 256) return Find(id.Identity);
        Span<char> identity = stackalloc char[256];
        id.Scheme.CopyTo(identity);
        id.Term.CopyTo(identity[id.Scheme.Length..]);
        return _byIdentitySpan.TryGetValue(identity[..(id.Scheme.Length + id.Term.Length)], out var category) ? category : null;
    }

    public Category? Find(string identity) => _byIdentity.GetValueOrDefault(identity);
    public Kind? FindKind(CategoryId id) => Find(id) as Kind;
    public Mixin? FindMixin(CategoryId id) => Find(id) as Mixin;
    public OcciAction? FindAction(CategoryId id) => Find(id) as OcciAction;

    /// <summary>The kind or mixin whose collection is at this path ("/compute/").</summary>
    public Category? FindByLocation(string path) => _byLocation.GetValueOrDefault(path);

    /// <summary>The same lookup by characters, for a path put together on the stack.</summary>
    public Category? FindByLocation(ReadOnlySpan<char> path) =>
        _byLocation.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var category) ? category : null;

    /// <summary>True when the kind is occi/core#link or inherits from it.</summary>
    public bool IsLinkKind(CategoryId id) => FindKind(id)?.IsOrInherits(CoreCategories.Link.Id) == true;

    /// <summary>Every attribute definition an entity of this kind with these mixins has (kind chain, mixins, their depends).</summary>
    public IEnumerable<Occi.Core.Attributes.AttributeDefinition> AttributesOf(CategoryId kind, IEnumerable<CategoryId> mixins)
    {
        if (FindKind(kind) is { } k)
            foreach (var c in k.SelfAndAncestors())
                foreach (var a in c.Attributes) yield return a;
        foreach (var mixinId in mixins)
            if (FindMixin(mixinId) is { } m)
                foreach (var d in m.SelfAndDependencies())
                    foreach (var a in d.Attributes) yield return a;
    }

    /// <summary>Actions defined for the kind chain and the mixins (GFD.183: a mixin may add actions).</summary>
    public IEnumerable<OcciAction> ActionsOf(CategoryId kind, IEnumerable<CategoryId> mixins)
    {
        if (FindKind(kind) is { } k)
            foreach (var c in k.SelfAndAncestors())
                foreach (var a in c.Actions) yield return a;
        foreach (var mixinId in mixins)
            if (FindMixin(mixinId) is { } m)
                foreach (var d in m.SelfAndDependencies())
                    foreach (var a in d.Actions) yield return a;
    }
}
