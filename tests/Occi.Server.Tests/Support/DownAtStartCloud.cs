using Microsoft.Extensions.DependencyInjection;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real backend behind a cloud that is down when first asked for an inventory of <c>kind</c> (the start-up sweep)
/// and afterwards also holds a machine of that kind the store does not know (<see cref="Orphan"/>), until it is deleted.
/// </summary>
/// <param name="orphanDeleted">Done when the orphan was deleted from this cloud.</param>
public sealed class DownAtStartCloud(ICloudBackend inner, CategoryId kind, TaskCompletionSource orphanDeleted) : PassThroughBackend(inner)
{
    public const string Orphan = "orphan-1";
    private int _inventories;

    public static void Install(IServiceCollection services, CategoryId kind, TaskCompletionSource orphanDeleted) =>
        Install(services, inner => new DownAtStartCloud(inner, kind, orphanDeleted));

    public override Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        if (entity.BackendId != Orphan) return base.DeleteAsync(caller, entity, ct);
        orphanDeleted.TrySetResult();
        return Task.CompletedTask;
    }

    public override async IAsyncEnumerable<string> InventoryAsync(CategoryId asked, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (asked == kind && Interlocked.Increment(ref _inventories) == 1) throw new OcciException(OcciErrorKind.Unavailable, "the cloud is down");
        await foreach (var id in base.InventoryAsync(asked, ct)) yield return id;
        if (asked == kind && !orphanDeleted.Task.IsCompleted) yield return Orphan;
    }
}
