using Microsoft.Extensions.DependencyInjection;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real backend behind a cloud that is down when first asked for an inventory (the start-up sweep) and afterwards
/// also holds a machine of <see cref="Kind"/> the store does not know (<see cref="Orphan"/>), until it is deleted.
/// </summary>
/// <param name="orphanDeleted">Done when the orphan was deleted from this cloud.</param>
public sealed class DownAtStartCloud(ICloudBackend inner, CategoryId kind, TaskCompletionSource orphanDeleted) : ICloudBackend
{
    public const string Orphan = "orphan-1";
    private int _inventories;

    /// <summary>Puts the configured backend behind this cloud (for <see cref="RunningServer.StartAsync(string?, System.Action{IServiceCollection}?, (string, string)[])"/>).</summary>
    public static void Install(IServiceCollection services, CategoryId kind, TaskCompletionSource orphanDeleted)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ICloudBackend));
        services.Remove(registered);
        services.AddSingleton<ICloudBackend>(sp => new DownAtStartCloud((ICloudBackend)registered.ImplementationFactory!(sp), kind, orphanDeleted));
    }

    public string Name => inner.Name;
    public bool RetriesTransientFailures => inner.RetriesTransientFailures;
    public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => inner.DescribeAsync(ct);
    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.CreateAsync(caller, entity, ct);
    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => inner.RefreshAsync(caller, entity, freshness, ct);
    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.UpdateAsync(caller, entity, ct);
    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => inner.InvokeAsync(caller, entity, action, ct);

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        if (entity.BackendId != Orphan) return inner.DeleteAsync(caller, entity, ct);
        orphanDeleted.TrySetResult();
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId asked, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (asked == kind && Interlocked.Increment(ref _inventories) == 1) throw new OcciException(OcciErrorKind.Unavailable, "the cloud is down");
        await foreach (var id in inner.InventoryAsync(asked, ct)) yield return id;
        if (asked == kind && !orphanDeleted.Task.IsCompleted) yield return Orphan;
    }
}
