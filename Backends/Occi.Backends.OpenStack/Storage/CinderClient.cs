using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// The Cinder v3 calls the gateway makes, named as the block storage API reference names them. The endpoint is the
/// catalog's "volumev3" (it carries the project id); a cloud that lists only "block-storage" is pointed at it with
/// Occi:OpenStack:EndpointOverrides:volumev3.
/// </summary>
internal sealed class CinderClient(OpenStackHttp http, OpenStackVolumeOptions options)
{
    private readonly OpenStackService _service = new("volumev3", "Cinder", "volume " + options.CinderMicroversion);

    /// <summary>POST /volumes: "Create a volume". Cinder answers at once with status creating.</summary>
    public async Task<CinderVolume> CreateVolumeAsync(ICredential credential, NewVolume volume, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NewVolumeEnvelope(volume), CinderJson.Default.NewVolumeEnvelope);
        var created = await http.SendAsync(credential, _service, HttpMethod.Post, "volumes", CinderJson.Default.VolumeEnvelope, body, ct);
        return created?.Volume ?? throw Unreadable("create a volume");
    }

    /// <summary>GET /volumes/{id}: "Show a volume's details"; null when Cinder has no such volume.</summary>
    public async Task<CinderVolume?> ShowVolumeAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            var found = await http.SendAsync(credential, _service, HttpMethod.Get, "volumes/" + Uri.EscapeDataString(id), CinderJson.Default.VolumeEnvelope, null, ct);
            return found?.Volume;
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>GET /volumes/detail with the given query (filters, sort, limit): "List accessible volumes with details".</summary>
    public async Task<IReadOnlyList<CinderVolume>> ListVolumesAsync(ICredential credential, string query, CancellationToken ct)
    {
        var list = await http.SendAsync(credential, _service, HttpMethod.Get, "volumes/detail" + query, CinderJson.Default.VolumeList, null, ct);
        return list?.Volumes ?? [];
    }

    /// <summary>
    /// DELETE /volumes/{id}?cascade=true: "Delete a volume", with the snapshots the gateway took of it (they cannot
    /// outlive it in Cinder). A volume already gone is no failure.
    /// </summary>
    public async Task DeleteVolumeAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, _service, HttpMethod.Delete, "volumes/" + Uri.EscapeDataString(id) + "?cascade=true", null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    /// <summary>POST /volumes/{id}/action {"os-extend": …}: "Extend a volume size" (GiB, only ever larger).</summary>
    public Task ExtendVolumeAsync(ICredential credential, string id, double newSize, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ExtendAction(new ExtendSize(newSize)), CinderJson.Default.ExtendAction);
        return http.SendAsync(credential, _service, HttpMethod.Post, "volumes/" + Uri.EscapeDataString(id) + "/action", body, ct);
    }

    /// <summary>POST /snapshots: "Create a snapshot" (force: an in-use volume too); returns the snapshot's id.</summary>
    public async Task<string> CreateSnapshotAsync(ICredential credential, NewSnapshot snapshot, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NewSnapshotEnvelope(snapshot), CinderJson.Default.NewSnapshotEnvelope);
        var created = await http.SendAsync(credential, _service, HttpMethod.Post, "snapshots", CinderJson.Default.CreatedEnvelope, body, ct);
        return created?.Snapshot?.Id ?? throw Unreadable("create a snapshot");
    }

    /// <summary>POST /backups: "Create a backup"; returns the backup's id.</summary>
    public async Task<string> CreateBackupAsync(ICredential credential, NewBackup backup, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new NewBackupEnvelope(backup), CinderJson.Default.NewBackupEnvelope);
        var created = await http.SendAsync(credential, _service, HttpMethod.Post, "backups", CinderJson.Default.CreatedEnvelope, body, ct);
        return created?.Backup?.Id ?? throw Unreadable("create a backup");
    }

    /// <summary>
    /// GET /os-services?binary=cinder-backup: "List All Cinder Services". True when one is enabled and up; null when
    /// the account may not ask (the list is an administrator's).
    /// </summary>
    public async Task<bool?> HasBackupServiceAsync(ICredential credential, CancellationToken ct)
    {
        try
        {
            var list = await http.SendAsync(credential, _service, HttpMethod.Get, "os-services?binary=cinder-backup", CinderJson.Default.ServiceList, null, ct);
            return (list?.Services ?? []).Any(s => s.Binary == "cinder-backup" && s.State == "up" && s.Status == "enabled");
        }
        catch (OcciException e) when (e.Kind is OcciErrorKind.Forbidden or OcciErrorKind.Unauthorized or OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    private static OcciException Unreadable(string what) =>
        new(OcciErrorKind.BackendFailure, $"Cinder answered the request to {what} without the object it made");
}
