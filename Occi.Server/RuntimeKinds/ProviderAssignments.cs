using System.Collections.Concurrent;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Server.RuntimeKinds;

/// <summary>
/// Which providers serve each runtime kind (pyOCNI's update_provider.json, issue 19), as the store holds them: read
/// on every backend call of a runtime kind's entity, written by the query interface and at start.
/// </summary>
internal sealed class ProviderAssignments
{
    private readonly ConcurrentDictionary<CategoryId, ProviderAssignment> _byKind = new();

    public ProviderAssignment Of(CategoryId kind) => _byKind.GetValueOrDefault(kind) ?? ProviderAssignment.None;

    public void Set(CategoryId kind, ProviderAssignment providers) => _byKind[kind] = providers;

    public void Remove(CategoryId kind) => _byKind.TryRemove(kind, out _);
}
