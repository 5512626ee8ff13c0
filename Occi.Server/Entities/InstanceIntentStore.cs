using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>The configured intent store, writing each intent with this gateway's instance (<see cref="IntentOwnership"/>).</summary>
internal sealed class InstanceIntentStore(IIntentStore inner, IntentOwnership ownership) : IIntentStore
{
    public Task WriteAsync(Intent intent, CancellationToken cancellationToken) => inner.WriteAsync(ownership.Stamp(intent), cancellationToken);

    public Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken) => inner.CompleteAsync(intentId, cancellationToken);

    public Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken cancellationToken) => inner.CompleteManyAsync(intentIds, cancellationToken);

    public Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken) => inner.ListOpenAsync(cancellationToken);
}
