using System.Collections.Frozen;
using System.Collections.Immutable;
using Occi.Core.Model;

namespace Occi.Server.Backends;

/// <summary>
/// <see cref="IProviderRouter"/> over the configured claims, the runtime assignments (copy-on-write, so a create
/// reads them without a lock) and what each provider offers (set by the provider union as it describes them).
/// </summary>
internal sealed class ProviderRouter : IProviderRouter
{
    private readonly FrozenSet<string> _names;
    private readonly FrozenDictionary<CategoryId, string> _claims;
    private ImmutableDictionary<CategoryId, string> _assigned = ImmutableDictionary<CategoryId, string>.Empty;
    private ImmutableDictionary<string, FrozenSet<CategoryId>> _offered = ImmutableDictionary<string, FrozenSet<CategoryId>>.Empty;

    /// <param name="names">Every provider's name.</param>
    /// <param name="defaultProvider">The configured default; null: the first name.</param>
    /// <param name="claims">Kind → the provider whose <c>Kinds</c> names it (validated: one provider per kind).</param>
    public ProviderRouter(IEnumerable<string> names, string? defaultProvider, IReadOnlyDictionary<CategoryId, string> claims)
    {
        Providers = names.Order(StringComparer.Ordinal).ToArray();
        if (Providers.Count == 0) throw new ArgumentException("a router needs at least one provider", nameof(names));
        _names = Providers.ToFrozenSet(StringComparer.Ordinal);
        DefaultProvider = defaultProvider ?? Providers[0];
        _claims = claims.ToFrozenDictionary();
    }

    /// <summary>One provider serving every kind: the <c>Occi:Backend</c> shorthand.</summary>
    public static ProviderRouter Single(string name) => new([name], name, new Dictionary<CategoryId, string>());

    public IReadOnlyList<string> Providers { get; }

    public string DefaultProvider { get; }

    public bool IsProvider(string name) => _names.Contains(name);

    public string ProviderFor(CategoryId kind)
    {
        if (Providers.Count == 1) return DefaultProvider;
        if (_assigned.TryGetValue(kind, out var assigned)) return assigned;
        if (_claims.TryGetValue(kind, out var claimed)) return claimed;
        var offered = _offered;
        if (Offers(offered, DefaultProvider, kind)) return DefaultProvider;
        foreach (var name in Providers)
            if (Offers(offered, name, kind)) return name;
        return DefaultProvider;
    }

    private static bool Offers(ImmutableDictionary<string, FrozenSet<CategoryId>> offered, string provider, CategoryId kind) =>
        offered.TryGetValue(provider, out var kinds) && kinds.Contains(kind);

    public bool TryGetAssignment(CategoryId kind, out string provider) => _assigned.TryGetValue(kind, out provider!);

    public void Assign(CategoryId kind, string provider)
    {
        if (!IsProvider(provider))
            throw new ArgumentException($"'{provider}' is not a provider of this gateway (they are: {string.Join(", ", Providers)})", nameof(provider));
        ImmutableInterlocked.Update(ref _assigned, static (map, a) => map.SetItem(a.kind, a.provider), (kind, provider));
    }

    public bool Clear(CategoryId kind)
    {
        var removed = false;
        ImmutableInterlocked.Update(ref _assigned, (map, k) =>
        {
            removed = map.ContainsKey(k);
            return map.Remove(k);
        }, kind);
        return removed;
    }

    /// <summary>What <paramref name="provider"/> offers now, as its model was last read (kept while it is down).</summary>
    public void Offers(string provider, IEnumerable<CategoryId> kinds) =>
        ImmutableInterlocked.Update(ref _offered, static (map, a) => map.SetItem(a.provider, a.kinds), (provider, kinds: kinds.ToFrozenSet()));
}
