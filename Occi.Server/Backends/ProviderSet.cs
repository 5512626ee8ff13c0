using System.Collections.Frozen;

namespace Occi.Server.Backends;

/// <summary>The configured providers by name (issue 19), and the owner of their containers: disposing it stops their backends.</summary>
internal sealed class ProviderSet : IAsyncDisposable
{
    private readonly FrozenDictionary<string, Provider> _byName;

    public ProviderSet(IReadOnlyList<Provider> providers, string defaultProvider)
    {
        All = providers.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        _byName = All.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        Default = _byName[defaultProvider];
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
