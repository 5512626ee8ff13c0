using System.Collections.Concurrent;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Server.Backends;

namespace Occi.Server.RuntimeKinds;

/// <summary>
/// Which providers serve each runtime kind (pyOCNI's update_provider.json, issue 19), as the store holds them: read
/// on every backend call of a runtime kind's entity, written by the query interface and at start. The provider that
/// serves a kind is told to the provider router (Backends/IProviderRouter), which sends the kind's new entities there.
/// </summary>
internal sealed class ProviderAssignments(IProviderRouter router)
{
    private readonly ConcurrentDictionary<CategoryId, ProviderAssignment> _byKind = new();

    public ProviderAssignment Of(CategoryId kind) => _byKind.GetValueOrDefault(kind) ?? ProviderAssignment.None;

    /// <summary>Whether a name is a configured provider (Occi:Providers, or the one Occi:Backend names).</summary>
    public bool IsProvider(string name) => router.IsProvider(name);

    /// <summary>Sets the kind's providers; throws <see cref="ArgumentException"/> naming a serving provider that is not configured.</summary>
    public void Set(CategoryId kind, ProviderAssignment providers)
    {
        if (providers.Serving is { } serving) router.Assign(kind, serving);
        else router.Clear(kind);
        _byKind[kind] = providers;
    }

    public void Remove(CategoryId kind)
    {
        router.Clear(kind);
        _byKind.TryRemove(kind, out _);
    }
}
