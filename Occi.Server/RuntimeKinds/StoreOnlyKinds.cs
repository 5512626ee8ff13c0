using System.Runtime.CompilerServices;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Server.RuntimeKinds;

/// <summary>
/// The backend of a runtime kind that no provider serves (issue 19; pyOCNI's "dummy" provider): no cloud is behind
/// its entities, the store alone holds them (OCCI as a registry). Every call on such an entity is answered here, as a
/// cloud would that keeps nothing but what it is told: a create makes the entity as given (no backend id, so
/// reconciliation leaves it alone), a read finds it as stored, an update and an action change nothing more than the
/// server already merged (GFD.185 §3.4.4: an action without a state machine leaves the state as it is), a delete
/// has nothing to remove. Entities of every other kind, and of a runtime kind a provider serves, go to the backend.
/// </summary>
internal sealed class StoreOnlyKinds(ICloudBackend inner, CategoryRegistry registry, ProviderAssignments assignments) : ICloudBackend
{
    /// <summary>Wraps the backend the container gives (composition: Hosting).</summary>
    public static ICloudBackend Around(IServiceProvider services, ICloudBackend backend) =>
        new StoreOnlyKinds(backend, services.GetRequiredService<CategoryRegistry>(), services.GetRequiredService<ProviderAssignments>());

    public string Name => inner.Name;

    public bool RetriesTransientFailures => inner.RetriesTransientFailures;

    /// <summary>Whether entities of this kind have no cloud behind them: a runtime kind with no provider but the store.</summary>
    public bool IsStoreOnly(CategoryId kind) =>
        registry.Current.FindKind(kind) is { IsRuntime: true } && assignments.Of(kind).Serving is null;

    public Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken) => inner.DescribeAsync(cancellationToken);

    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        IsStoreOnly(entity.Kind) ? Task.FromResult(entity) : inner.CreateAsync(caller, entity, cancellationToken);

    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken cancellationToken) =>
        IsStoreOnly(entity.Kind) ? Task.FromResult(true) : inner.RefreshAsync(caller, entity, freshness, cancellationToken);

    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        IsStoreOnly(entity.Kind) ? Task.FromResult(entity) : inner.UpdateAsync(caller, entity, cancellationToken);

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        IsStoreOnly(entity.Kind) ? Task.CompletedTask : inner.DeleteAsync(caller, entity, cancellationToken);

    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken cancellationToken) =>
        IsStoreOnly(entity.Kind) ? Task.FromResult(entity) : inner.InvokeAsync(caller, entity, action, cancellationToken);

    public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken cancellationToken) =>
        IsStoreOnly(kind) ? Nothing(cancellationToken) : inner.InventoryAsync(kind, cancellationToken);

    private static async IAsyncEnumerable<string> Nothing([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}
