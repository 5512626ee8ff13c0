using Occi.Core.Model;

namespace Occi.Core.BackendContracts;

/// <summary>
/// The one contract every cloud backend (Local, Libvirt, OpenStack, Synnefo) implements. Backends
/// translate OCCI entities into calls on their cloud; they do not render, route or persist OCCI state.
/// Entities passed in are already validated against the model. Failures are <see cref="OcciException"/>s
/// (NotFound when the thing is gone, Conflict when its state forbids the request, Unavailable or
/// BackendFailure when the cloud does not answer well).
/// </summary>
public interface ICloudBackend
{
    /// <summary>A short name for logs and the health endpoint ("local", "libvirt").</summary>
    string Name { get; }

    /// <summary>
    /// True when the backend already retries transient failures of its cloud itself (with a policy tuned to
    /// that cloud). The server then only bounds and breaks its calls, so the two layers' retries never multiply.
    /// </summary>
    bool RetriesTransientFailures => false;

    Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates the entity in the cloud. Returns it with <see cref="Entity.BackendId"/> set and the live
    /// attributes (state, addresses, sizes the cloud chose) filled in.
    /// </summary>
    Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the live attributes into <paramref name="entity"/>; returns false when the cloud no longer has it.
    /// <paramref name="freshness"/> is what the client asked for: a backend that keeps what it knows of its cloud may
    /// answer <see cref="ReadFreshness.Known"/> from that; <see cref="ReadFreshness.Live"/> always asks the cloud.
    /// One method, no shorter overload: a decorator has to pass the freshness on, it cannot silently drop it.
    /// </summary>
    Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken cancellationToken);

    /// <summary>Applies changed mutable attributes and added/removed mixins, already merged into <paramref name="entity"/>.</summary>
    Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken cancellationToken);

    /// <summary>Deletes the entity; deleting what is already gone succeeds.</summary>
    Task DeleteAsync(Caller caller, Entity entity, CancellationToken cancellationToken);

    /// <summary>Triggers an action; the state machine was checked by the caller, the backend may still refuse (Conflict).</summary>
    Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken cancellationToken);

    /// <summary>Backend ids of everything of these kinds that exists in the cloud, for reconciliation.</summary>
    IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken cancellationToken);
}
