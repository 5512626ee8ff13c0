using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Http;
using Occi.Core;

namespace Occi.Backends.Synnefo.Storage;

/// <summary>
/// The Cyclades block storage calls the gateway makes: volumes (blockstorage-api-guide, "Volumes", "Snapshots") on
/// the catalog's "volume" endpoint, and a server's volume attachments (compute-api-extensions-guide, "Volume
/// attachments") on Cyclades/Compute. Differs from the OpenStack backend's CinderClient and NovaVolumeAttachments,
/// which are not reused: Block Storage v2 bodies (display_name…) where Cinder v3 is asked with a microversion, no
/// os-extend (Cyclades cannot resize a volume), no cascade on delete, no metadata filter on the list (the gateway's
/// volumes are told apart here); no microversion header to Cyclades/Compute for the attachments, whose ids are numbers.
/// </summary>
internal sealed class CycladesVolumeClient(SynnefoHttp http)
{
    /// <summary>Cyclades block storage as Astakos' catalog lists it (type "volume", cyclades_volume).</summary>
    public static readonly OpenStackService Service = new("volume", "Cyclades/Block Storage");

    public async Task<CycladesVolume> CreateVolumeAsync(ICredential credential, NewCycladesVolume volume, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NewCycladesVolumeEnvelope(volume), CycladesVolumeJson.Default.NewCycladesVolumeEnvelope);
        return (await http.Requests.SendAsync(credential, Service, HttpMethod.Post, "volumes", CycladesVolumeJson.Default.CycladesVolumeEnvelope, body, ct))?.Volume
            ?? throw new OcciException(OcciErrorKind.BackendFailure, "Cyclades accepted the volume but did not say which it made");
    }

    /// <summary>"Get Volume Details"; null when Cyclades has no such volume, or has deleted it.</summary>
    public async Task<CycladesVolume?> ShowVolumeAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            var volume = (await http.Requests.SendAsync(credential, Service, HttpMethod.Get, "volumes/" + Uri.EscapeDataString(id), CycladesVolumeJson.Default.CycladesVolumeEnvelope, null, ct))?.Volume;
            return CycladesVolumeStates.IsGone(volume?.Status) ? null : volume;
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>"List Volumes" in detail: the user's volumes (deleted ones left out).</summary>
    public async Task<IReadOnlyList<CycladesVolume>> ListVolumesAsync(ICredential credential, CancellationToken ct) =>
        [.. ((await http.Requests.SendAsync(credential, Service, HttpMethod.Get, "volumes/detail", CycladesVolumeJson.Default.CycladesVolumeList, null, ct))?.Volumes ?? [])
            .Where(v => !CycladesVolumeStates.IsGone(v.Status))];

    /// <summary>"Delete Volume" (202); one already gone is no failure; 409 while it is not ready.</summary>
    public async Task DeleteVolumeAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            await http.Requests.SendAsync(credential, Service, HttpMethod.Delete, "volumes/" + Uri.EscapeDataString(id), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    /// <summary>"Create Snapshot" (202): a snapshot of the volume, named; Cyclades keeps it in Plankton.</summary>
    public Task CreateSnapshotAsync(ICredential credential, NewCycladesSnapshot snapshot, CancellationToken ct) =>
        http.Requests.SendAsync(credential, Service, HttpMethod.Post, "snapshots",
            JsonSerializer.SerializeToUtf8Bytes(new NewCycladesSnapshotEnvelope(snapshot), CycladesVolumeJson.Default.NewCycladesSnapshotEnvelope), ct);

    /// <summary>Attachments "Attach" (200): the volume becomes a disk of the server.</summary>
    public async Task AttachAsync(ICredential credential, string serverId, string volumeId, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NewCycladesAttachmentEnvelope(new NewCycladesAttachment(volumeId)), CycladesAttachmentJson.Default.NewCycladesAttachmentEnvelope);
        await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Post, Attachments(serverId), CycladesAttachmentJson.Default.CycladesAttachmentEnvelope, body, ct);
    }

    /// <summary>Attachments "Detach" (the attachment's id is the volume's); one already detached, or a server gone, is no failure.</summary>
    public async Task DetachAsync(ICredential credential, string serverId, string volumeId, CancellationToken ct)
    {
        try
        {
            await http.Requests.SendAsync(credential, SynnefoServices.Cyclades, HttpMethod.Delete, Attachments(serverId) + "/" + Uri.EscapeDataString(volumeId), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    private static string Attachments(string serverId) => $"servers/{Uri.EscapeDataString(serverId)}/os-volume_attachments";
}
