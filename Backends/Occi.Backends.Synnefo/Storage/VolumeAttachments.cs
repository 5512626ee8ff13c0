using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Network;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Synnefo.Storage;

/// <summary>
/// storagelink ↔ a Cyclades volume attached to a server (GFD.184 §3.4.2; compute-api-extensions-guide, "Volume
/// attachments"), made and removed through the server's os-volume_attachments; its backend id is "server id/volume
/// id" (the attachment's id is the volume's). Differs from the OpenStack backend's VolumeAttachments: Cyclades leaves
/// the device unnamed ("device": "", unused), so a link asking for a deviceid is refused and none is read back; the
/// link is active while the volume lists the server among its attachments.
/// </summary>
internal sealed class VolumeAttachments(CycladesVolumeClient cyclades, SynnefoOptions gateway) : LinkTranslator
{
    public override IReadOnlyList<Kind> Kinds => [StorageLink.Kind];

    protected override string Gone => "the volume is no longer attached";

    public override async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var (link, server, volumeId) = Ends(entity, "storage");
        if (entity.Attributes.GetString(StorageLink.DeviceId) is { } device)
            throw OcciException.BadRequest($"{StorageLink.DeviceId} '{device}' cannot be chosen on Synnefo: Cyclades names no device for an attached volume; leave it out");
        var volume = await cyclades.ShowVolumeAsync(credential, volumeId, ct)
            ?? throw OcciException.BadRequest($"the target {link.Target} of storagelink {link.Id} has no Cyclades volume any more");
        if (volume.Attachments is [{ ServerId: var other }, ..])
            throw OcciException.Conflict($"storage {link.Target} is attached to server {other} already; delete that storagelink first");
        if (!CycladesVolumeStates.IsReady(volume.Status))
            throw OcciException.Conflict($"storage {link.Target} cannot be attached while Cyclades has it {volume.Status}; retry once it is online");
        await cyclades.AttachAsync(credential, server, volumeId, ct);
        entity.BackendId = $"{server}/{volumeId}";
        if (!await RefreshAsync(credential, entity, ReadFreshness.Live, ct))
        {
            entity.Attributes[StorageLink.State] = "inactive";
            entity.Attributes[StorageLink.StateMessage] = "Cyclades is attaching the volume";
        }
        return entity;
    }

    /// <summary>Every read asks Cyclades, whatever the freshness asked.</summary>
    public override async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (LinkEnds.Split(entity.BackendId) is not var (server, volumeId)) return false;
        if (await cyclades.ShowVolumeAsync(credential, volumeId, ct) is not { } volume || volume.Attachments?.Any(a => a.ServerId == server) != true) return false;
        var usable = CycladesVolumeStates.IsReady(volume.Status);
        entity.Attributes[StorageLink.State] = usable ? "active" : "inactive";
        entity.Attributes[StorageLink.StateMessage] = usable ? $"attached to server {server}" : CycladesVolumeStates.Message(volume.Status);
        return true;
    }

    public override async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (LinkEnds.Split(entity.BackendId) is var (server, volumeId)) await cyclades.DetachAsync(credential, server, volumeId, ct);
    }

    /// <summary>Every attachment of the gateway's volumes: "server id/volume id".</summary>
    public override async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var volume in await cyclades.ListVolumesAsync(service, ct))
            if (GatewayMetadata.IsOurs(volume.Metadata, gateway.GatewayTag))
                foreach (var attachment in volume.Attachments ?? [])
                    if (attachment.ServerId is { } server) yield return $"{server}/{volume.Id}";
    }
}
