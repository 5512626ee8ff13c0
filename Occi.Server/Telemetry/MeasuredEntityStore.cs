using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Server.Telemetry;

/// <summary>Times every call on the configured entity store (issue 17: store latency), whichever store it is.</summary>
internal sealed class MeasuredEntityStore(IEntityStore inner, ICallMetrics metrics) : IEntityStore
{
    public Task<EntityRecord?> GetAsync(string location, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "get", "store get", static s => s.inner.GetAsync(s.location, s.ct), (inner, location, ct));

    public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "get_by_id", "store get_by_id", static s => s.inner.GetByIdAsync(s.id, s.ct), (inner, id, ct));

    public Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "put", "store put", static s => s.inner.PutAsync(s.entity, s.owner, s.expectedVersion, s.ct), (inner, entity, owner, expectedVersion, ct));

    public Task<bool> DeleteAsync(string location, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "delete", "store delete", static s => s.inner.DeleteAsync(s.location, s.ct), (inner, location, ct));

    public Task<int> DeleteBelowAsync(string prefix, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "delete_below", "store delete_below", static s => s.inner.DeleteBelowAsync(s.prefix, s.ct), (inner, prefix, ct));

    public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "query", "store query", static s => s.inner.QueryAsync(s.query, s.ct), (inner, query, ct));

    public Task<int> CountAsync(EntityQuery query, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "count", "store count", static s => s.inner.CountAsync(s.query, s.ct), (inner, query, ct));

    /// <summary>Forwarded, not left to the interface's default: the store's own (which skips building entities) stays in use.</summary>
    public Task<IReadOnlyList<string>> QueryLocationsAsync(EntityQuery query, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "query_locations", "store query_locations", static s => s.inner.QueryLocationsAsync(s.query, s.ct), (inner, query, ct));

    public Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "associate_mixin", "store associate_mixin", static s => s.inner.AssociateMixinAsync(s.mixin, s.locations, s.ct), (inner, mixin, locations, ct));

    public Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "dissociate_mixin", "store dissociate_mixin", static s => s.inner.DissociateMixinAsync(s.mixin, s.locations, s.ct), (inner, mixin, locations, ct));
}
