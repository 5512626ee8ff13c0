using System.Collections.Frozen;

namespace Occi.Server.Backends;

/// <summary>The configured providers by name (issue 19), and the owner of their containers: disposing it stops their backends.</summary>
internal sealed class ProviderSet : IAsyncDisposable
{
    private readonly FrozenDictionary<string, Provider> _byName;
    private readonly FrozenDictionary<string, Provider>.AlternateLookup<ReadOnlySpan<char>> _byPrefix;

    public ProviderSet(IReadOnlyList<Provider> providers, string defaultProvider)
    {
        All = providers.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        _byName = All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        _byPrefix = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        Default = _byName[defaultProvider];
    }

    /// <summary>
    /// The provider a qualified backend id (<see cref="QualifiedBackendId"/>) names, and where the backend's own id
    /// starts in it; null (and 0) for an id without a known provider's prefix. Looked up without a copy of the prefix:
    /// every GET of an entity asks.
    /// </summary>
    public Provider? NamedIn(string backendId, out int ownIdStart)
    {
        var colon = backendId.IndexOf(':');
        if (colon > 0 && _byPrefix.TryGetValue(backendId.AsSpan(0, colon), out var provider))
        {
            ownIdStart = colon + 1;
            return provider;
        }
        ownIdStart = 0;
        return null;
    }

    /// <summary>Ordered by name.</summary>
    public IReadOnlyList<Provider> All { get; }

    public Provider Default { get; }

    public Provider? Find(string name) => _byName.GetValueOrDefault(name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in All)
            switch (provider.Services)
            {
                case IAsyncDisposable a: await a.DisposeAsync(); break;
                case IDisposable d: d.Dispose(); break;
            }
    }
}
