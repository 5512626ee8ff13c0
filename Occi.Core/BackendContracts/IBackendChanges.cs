namespace Occi.Core.BackendContracts;

/// <summary>
/// What a backend that follows its cloud in the background (OpenStack's change follower) registers beside its
/// <see cref="ICloudBackend"/>: the entities whose live state it has seen change, so that the server writes the new
/// state into the store and listings, which render stored entities, show what the cloud has within the backend's
/// staleness bound. Optional: a backend that learns its cloud's state only when asked (Local, Libvirt) registers none.
/// </summary>
public interface IBackendChanges
{
    /// <summary>
    /// Waits until something changed and returns what was announced since the last call, each entity once however
    /// often it changed meanwhile. After it, <see cref="ICloudBackend.RefreshAsync"/>
    /// with <see cref="ReadFreshness.Known"/> answers the changed state without asking the cloud again.
    /// </summary>
    ValueTask<IReadOnlyList<BackendChange>> NextAsync(CancellationToken cancellationToken);
}
