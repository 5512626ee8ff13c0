using System.Globalization;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using OcciStorage = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// Cinder's changes, for <see cref="KnownVolumes"/>: the first sweep lists every volume of the gateway's (its
/// metadata mark), each later one only those updated since the latest updated_at seen (cinder api-ref "List
/// accessible volumes with details", the updated_at=gte: filter of microversion 3.60). The marker is Cinder's own
/// time, never the gateway's clock; gte includes the bound, so a change in the marker's second is seen again rather
/// than missed. An admin account follows every project (all_tenants). A volume deleted goes through "deleting",
/// which is transitional: its entry is read again, and then found gone. Each volume listed is announced once it is in
/// the cache, so its storage's stored state follows.
/// </summary>
internal sealed class CinderChanges(CinderClient cinder, KnownVolumes volumes, OpenStackOptions gateway, ChangeAnnouncements announcements) : IChangeSource
{
    private DateTimeOffset? _since;

    public string Name => "Cinder";

    public async Task SweepAsync(ICredential service, CancellationToken ct)
    {
        var token = await service.TokenAsync(ct);
        var startedAt = volumes.Cache.Now;
        var query = "?" + GatewayMetadata.CinderFilter(gateway.GatewayTag) + (token.IsAdmin ? "&all_tenants=1" : "")
            + (_since is { } since ? "&updated_at=" + Uri.EscapeDataString("gte:" + since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)) : "");
        var listed = await cinder.ListVolumesAsync(service, query, ct);
        foreach (var volume in listed)
        {
            volumes.Cache.Put(volume.Id, volume, bySweep: true);
            if (volume.UpdatedAtUtc is { } updated && (_since is null || updated > _since)) _since = updated;
        }
        volumes.Cache.MarkSwept(startedAt);
        foreach (var volume in listed) announcements.Announce(OcciStorage.Kind.Id, volume.Id);
    }
}
