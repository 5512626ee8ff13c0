using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// Cinder volumes as the gateway knows them (<see cref="KnownObjects{T}"/>), read by storage and storagelink: a
/// <see cref="ReadFreshness.Known"/> read answers from what is fresh, anything else asks Cinder and remembers.
/// </summary>
internal sealed class KnownVolumes(CinderClient cinder, OpenStackOptions options, TimeProvider time)
{
    public KnownObjects<CinderVolume> Cache { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);

    public async Task<CinderVolume?> GetAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct)
    {
        if (freshness == ReadFreshness.Known && Cache.TryGetFresh(id, out var known)) return known;
        var volume = await cinder.ShowVolumeAsync(credential, id, ct);
        Remember(id, volume);
        return volume;
    }

    public void Remember(string id, CinderVolume? volume, bool bySweep = false) =>
        Cache.Put(id, volume is { Status: "deleted" } ? null : volume, settled: volume is null || !VolumeStates.IsTransitional(volume.Status) && volume.Status != "deleting", bySweep);
}
