using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>Nova's os-volume_attachments calls on a server (nova api-ref os-volume-attachments.inc), with Nova's pinned microversion.</summary>
internal sealed class NovaVolumeAttachments(OpenStackHttp http, OpenStackOptions options)
{
    private readonly OpenStackService _nova = OpenStackService.Compute(options.NovaMicroversion);

    /// <summary>"Attach a volume to an instance"; Nova answers with the device it chose (/dev/vdb).</summary>
    public async Task<NovaVolumeAttachment> AttachAsync(ICredential credential, string serverId, string volumeId, string? device, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NewVolumeAttachmentEnvelope(new NewVolumeAttachment(volumeId, device)), NovaAttachmentJson.Default.NewVolumeAttachmentEnvelope);
        var answer = await http.SendAsync(credential, _nova, HttpMethod.Post, Path(serverId), NovaAttachmentJson.Default.VolumeAttachmentEnvelope, body, ct);
        return answer?.VolumeAttachment ?? new NovaVolumeAttachment(volumeId, serverId, device);
    }

    /// <summary>"Detach a volume from an instance"; an attachment (or server) already gone is no failure.</summary>
    public async Task DetachAsync(ICredential credential, string serverId, string volumeId, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, _nova, HttpMethod.Delete, Path(serverId) + "/" + Uri.EscapeDataString(volumeId), null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    private static string Path(string serverId) => $"servers/{Uri.EscapeDataString(serverId)}/os-volume_attachments";
}
