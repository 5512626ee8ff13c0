using System.Collections.Frozen;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Server.Backends;

/// <summary>
/// One provider's categories as the union shows them (issue 19). GFD.184's and OCCI's own categories (schemes under
/// <c>http://schemas.ogf.org/occi/</c>) are the same at every provider and shown once. Every other mixin is the
/// provider's own (its templates, security groups, pools): it is kept apart from another provider's by its scheme,
/// which gets the provider's name as a last path segment (<c>…/os_tpl#ubuntu</c> at <c>lab</c> is <c>…/os_tpl/lab#ubuntu</c>),
/// and its location, which gets it as a first one (<c>/lab/mixin/os_tpl/ubuntu/</c>); it depends on the provider's
/// region mixin besides what it depended on. Entities cross between the two namings in <see cref="ProviderUnion"/>.
/// </summary>
internal sealed class ProviderModel
{
    private const string SharedSchemes = "http://schemas.ogf.org/occi/";

    public static readonly ProviderModel Empty = new([], [], FrozenDictionary<CategoryId, CategoryId>.Empty, FrozenDictionary<CategoryId, CategoryId>.Empty);

    private readonly FrozenDictionary<CategoryId, CategoryId> _toOwn;
    private readonly FrozenDictionary<CategoryId, CategoryId> _toUnion;

    private ProviderModel(IReadOnlyList<Kind> kinds, IReadOnlyList<Mixin> mixins,
        FrozenDictionary<CategoryId, CategoryId> toOwn, FrozenDictionary<CategoryId, CategoryId> toUnion)
    {
        Kinds = kinds;
        Mixins = mixins;
        _toOwn = toOwn;
        _toUnion = toUnion;
    }

    public IReadOnlyList<Kind> Kinds { get; }

    /// <summary>The provider's mixins in the union's names (shared ones as they are).</summary>
    public IReadOnlyList<Mixin> Mixins { get; }

    /// <summary>The union's ids of this provider's own mixins.</summary>
    public IEnumerable<CategoryId> OwnMixins => _toOwn.Keys;

    public static bool IsShared(CategoryId id) => id.Scheme.StartsWith(SharedSchemes, StringComparison.Ordinal);

    public static ProviderModel Of(string provider, Mixin region, BackendCapabilities capabilities)
    {
        var renamed = new Dictionary<CategoryId, Mixin>();
        Mixin Rename(Mixin m)
        {
            if (IsShared(m.Id)) return m;
            if (renamed.TryGetValue(m.Id, out var done)) return done;
            var scheme = $"{m.Scheme.TrimEnd('#')}/{provider}#";
            var location = m.Location is null ? null : $"/{provider}{m.Location}";
            var depends = m.Depends.Select(Rename).Append(region).DistinctBy(d => d.Id).ToArray();
            var copy = new Mixin(scheme, m.Term, m.Title, location, depends, m.Applies, m.Attributes, m.Actions) { Tenants = m.Tenants };
            renamed[m.Id] = copy;
            return copy;
        }
        var mixins = capabilities.Mixins.Select(Rename).ToArray();
        return new ProviderModel(capabilities.Kinds, mixins,
            renamed.ToFrozenDictionary(p => p.Value.Id, p => p.Key),
            renamed.ToFrozenDictionary(p => p.Key, p => p.Value.Id));
    }

    /// <summary>True when <paramref name="id"/> is one of this provider's own mixins, in the union's naming.</summary>
    public bool Owns(CategoryId id) => _toOwn.ContainsKey(id);

    public bool OffersKind(CategoryId kind)
    {
        foreach (var k in Kinds)
            if (k.Id == kind) return true;
        return false;
    }

    /// <summary>The union's name → the provider's (a mixin it does not own stays as it is).</summary>
    public CategoryId ToOwn(CategoryId id) => _toOwn.TryGetValue(id, out var own) ? own : id;

    /// <summary>The provider's name → the union's.</summary>
    public CategoryId ToUnion(CategoryId id) => _toUnion.TryGetValue(id, out var shown) ? shown : id;
}
