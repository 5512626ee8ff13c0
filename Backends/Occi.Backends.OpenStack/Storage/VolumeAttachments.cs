using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// storagelink ↔ a Cinder volume attached to a Nova server (GFD.184 §3.4.2), made and removed through Nova's
/// os-volume_attachments; its backend id is "server id/volume id", its deviceid the device Nova names (/dev/vdb).
/// Attaching takes Cinder a moment: the link is inactive while the volume is attaching and active once it is in-use.
/// </summary>
internal sealed class VolumeAttachments(NovaVolumeAttachments nova, CinderClient cinder, KnownVolumes known, OpenStackOptions gateway) : IKindTranslator
{
    public IReadOnlyList<Kind> Kinds => [StorageLink.Kind];

    public Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) => Task.FromResult<IReadOnlyList<Mixin>>([]);

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var link = LinkEnds.AsLink(entity);
        var server = LinkEnds.ServerOf(link);
        var volumeId = LinkEnds.TargetOf(link, "storage");
        var volume = await cinder.ShowVolumeAsync(credential, volumeId, ct)
            ?? throw OcciException.BadRequest($"the target {link.Target} of storagelink {link.Id} has no Cinder volume any more");
        // Nova refuses a volume that is not available with a 400; it is the volume's state, not the request, that is wrong.
        if (volume.Status != "available")
            throw OcciException.Conflict($"storage {link.Target} cannot be attached while Cinder has it {volume.Status}; retry once it is online and not attached");
        var device = entity.Attributes.GetString(StorageLink.DeviceId);
        if (device is not null && (device.Length is < 6 or > 16 || !device.StartsWith("/dev/", StringComparison.Ordinal) || !device[5..].All(char.IsAsciiLetterLower)))
            throw OcciException.BadRequest($"{StorageLink.DeviceId} '{device}' is not a guest disk device such as /dev/vdb");
        var attachment = await nova.AttachAsync(credential, server, volumeId, device, ct);
        known.Cache.Forget(volumeId); // attaching now: the storage's and the link's next reads ask Cinder
        entity.BackendId = $"{server}/{volumeId}";
        entity.Attributes[StorageLink.DeviceId] = attachment.Device ?? device ?? "";
        entity.Attributes[StorageLink.State] = "inactive";
        entity.Attributes[StorageLink.StateMessage] = "Cinder is attaching the volume";
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (LinkEnds.Split(entity.BackendId) is not var (server, volumeId)) return false;
        var volume = await known.GetAsync(credential, volumeId, freshness, ct);
        var attachment = volume?.Attachments?.FirstOrDefault(a => a.ServerId == server);
        if (volume is null || attachment is null && volume.Status is not "attaching") return false;
        Read(volume, attachment, entity);
        return true;
    }

    /// <summary>Nothing of an attachment changes in place; the live attributes are read back.</summary>
    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct) =>
        await RefreshAsync(credential, entity, ReadFreshness.Live, ct) ? entity
        : throw OcciException.NotFound($"storagelink {entity.Id}: the volume is no longer attached");

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (LinkEnds.Split(entity.BackendId) is not var (server, volumeId)) return;
        await nova.DetachAsync(credential, server, volumeId, ct);
        known.Cache.Forget(volumeId);
    }

    public Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct) =>
        throw OcciException.BadRequest($"storagelink has no action {action.Action}");

    /// <summary>Every attachment of the gateway's volumes: "server id/volume id".</summary>
    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var volume in await cinder.ListVolumesAsync(service, "?" + GatewayMetadata.CinderFilter(gateway.GatewayTag), ct))
            foreach (var attachment in volume.Attachments ?? [])
                if (attachment.ServerId is { } server) yield return $"{server}/{volume.Id}";
    }

    private static void Read(CinderVolume volume, VolumeAttachmentInfo? attachment, Entity entity)
    {
        if (attachment?.Device is { } device) entity.Attributes[StorageLink.DeviceId] = device;
        var attached = attachment is not null && volume.Status == "in-use";
        entity.Attributes[StorageLink.State] = attached ? "active" : "inactive";
        entity.Attributes[StorageLink.StateMessage] = attached ? "attached" : $"Cinder volume status: {volume.Status}";
    }
}
