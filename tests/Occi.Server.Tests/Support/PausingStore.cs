using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real store, with two places a request can be held at while their gates are closed: the write of an entity below
/// <see cref="PutsBelow"/> (a create that has checked everything and not yet stored), and the answer of a count, taken
/// before the hold (a kind delete that has counted the kind's members and not yet acted on the count).
/// </summary>
public sealed class PausingStore(IEntityStore inner) : IEntityStore
{
    public CallGate Puts { get; } = new();
    public CallGate Counts { get; } = new();
    public CallGate Associations { get; } = new();
    public string PutsBelow { get; set; } = "/";

    public async Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken ct)
    {
        if (Puts.Closed && entity.Location!.StartsWith(PutsBelow, StringComparison.Ordinal)) await Puts.WaitAsync();
        return await inner.PutAsync(entity, owner, expectedVersion, ct);
    }

    public async Task<int> CountAsync(EntityQuery query, CancellationToken ct)
    {
        var count = await inner.CountAsync(query, ct);
        if (Counts.Closed) await Counts.WaitAsync();
        return count;
    }

    public Task<EntityRecord?> GetAsync(string location, CancellationToken ct) => inner.GetAsync(location, ct);
    public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken ct) => inner.GetByIdAsync(id, ct);
    public Task<bool> DeleteAsync(string location, CancellationToken ct) => inner.DeleteAsync(location, ct);
    public Task<int> DeleteBelowAsync(string prefix, CancellationToken ct) => inner.DeleteBelowAsync(prefix, ct);
    public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken ct) => inner.QueryAsync(query, ct);
    public async Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken ct)
    {
        if (Associations.Closed) await Associations.WaitAsync();
        await inner.AssociateMixinAsync(mixin, locations, ct);
    }
    public Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken ct) => inner.DissociateMixinAsync(mixin, locations, ct);
}
