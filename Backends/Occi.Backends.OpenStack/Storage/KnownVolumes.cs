using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// Cinder volumes as the gateway knows them (<see cref="KnownObjects{T}"/>, fed by <see cref="CinderChanges"/>), read
/// by storage and storagelink: a <see cref="ReadFreshness.Known"/> read answers from what is fresh, anything else asks
/// Cinder and remembers. A volume "deleted" is gone; one in transition (or "deleting", which Cinder's updated_at
/// listing never shows ending) is read again once its own read is stale.
/// </summary>
internal sealed class KnownVolumes(CinderClient cinder, OpenStackOptions options, TimeProvider time)
{
    public KnownObjects<CinderVolume> Cache { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time,
        isGone: v => v.Status == "deleted", isTransitional: v => VolumeStates.IsTransitional(v.Status) || v.Status == "deleting");

    public ValueTask<CinderVolume?> GetAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        Cache.ReadAsync(id, freshness, (cinder, credential), static (s, id, c) => s.cinder.ShowVolumeAsync(s.credential, id, c), ct);
}
