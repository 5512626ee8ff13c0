using System.Runtime.CompilerServices;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Server.Telemetry;

/// <summary>
/// Times every call on the configured backend (issue 17). It sits inside Backends/ResilientBackend, around the
/// cloud itself, so each attempt Polly makes is one measurement and the breaker's refusals are not: they show in
/// the breaker gauge and the request metrics instead.
/// </summary>
internal sealed class MeasuredBackend(ICloudBackend inner, ICallMetrics metrics) : ICloudBackend
{
    public string Name => inner.Name;

    public bool RetriesTransientFailures => inner.RetriesTransientFailures;

    public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) =>
        TimedCalls.Observe(metrics, "describe", "backend describe", static s => s.inner.DescribeAsync(s.ct), (inner, ct));

    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "create", "backend create", static s => s.inner.CreateAsync(s.caller, s.entity, s.ct), (inner, caller, entity, ct));

    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "refresh", "backend refresh", static s => s.inner.RefreshAsync(s.caller, s.entity, s.freshness, s.ct), (inner, caller, entity, freshness, ct));

    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "update", "backend update", static s => s.inner.UpdateAsync(s.caller, s.entity, s.ct), (inner, caller, entity, ct));

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "delete", "backend delete", static s => s.inner.DeleteAsync(s.caller, s.entity, s.ct), (inner, caller, entity, ct));

    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) =>
        TimedCalls.Observe(metrics, "invoke", "backend invoke", static s => s.inner.InvokeAsync(s.caller, s.entity, s.action, s.ct), (inner, caller, entity, action, ct));

    /// <summary>Timed from the first id asked for to the last given (or the failure); background work only.</summary>
    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var ids = await TimedCalls.Observe(metrics, "inventory", "backend inventory", async () =>
        {
            var list = new List<string>();
            await foreach (var id in inner.InventoryAsync(kind, ct)) list.Add(id);
            return list;
        });
        foreach (var id in ids) yield return id;
    }
}
