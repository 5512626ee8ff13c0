using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using OcciStorage = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// storage ↔ Cinder volume (GFD.184 §3.3). A create asks Cinder once and answers at once (the volume is
/// "creating", so offline, until Cinder says available); resize is os-extend, snapshot a Cinder snapshot, backup a
/// Cinder backup where the cloud runs cinder-backup (<see cref="StorageKind"/>). The volume's metadata marks it as
/// the gateway's (<see cref="GatewayMetadata"/>).
/// </summary>
internal sealed class CinderVolumes(CinderClient cinder, KnownVolumes known, OpenStackVolumeOptions options, OpenStackOptions gateway, TimeProvider time) : IKindTranslator
{
    /// <summary>Cinder's sizes are whole GiB; 1 PiB is above any site's quota.</summary>
    internal const double MaxSizeGiB = 1 << 20;

    private Kind _kind = StorageKind.With(backups: options.VolumeBackups == "On");
    private bool _backupsDecided = options.VolumeBackups != "Auto";

    public IReadOnlyList<Kind> Kinds => [_kind];

    private bool OffersBackups => _kind.Actions.Any(a => a.Id == OcciStorage.Backup.Id);

    /// <summary>No mixins of its own; the first time, with VolumeBackups = Auto, Cinder is asked whether it backs up.</summary>
    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct)
    {
        if (!_backupsDecided)
        {
            _kind = StorageKind.With(service is not null && await cinder.HasBackupServiceAsync(service, ct) == true);
            _backupsDecided = true;
        }
        return [];
    }

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var size = Math.Ceiling(SizeOf(entity.Attributes.TryGet(OcciStorage.Size, out var s) && s.IsNumeric ? s.AsNumber : null));
        var volume = await cinder.CreateVolumeAsync(credential,
            new NewVolume(size, entity.Title is { Length: > 0 and <= 255 } title ? title : "occi-" + entity.Id, $"OCCI storage {entity.Id}", GatewayMetadata.For(gateway.GatewayTag, entity.Id)), ct);
        known.Cache.Put(volume.Id, volume);
        Read(volume, entity);
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (entity.BackendId is not { } id || await known.GetAsync(credential, id, freshness, ct) is not { } volume) return false;
        Read(volume, entity);
        return true;
    }

    /// <summary>A changed occi.storage.size grows the volume (os-extend); Cinder cannot shrink one.</summary>
    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var volume = await VolumeOf(credential, entity, ct);
        if (entity.Attributes.TryGet(OcciStorage.Size, out var size) && size.IsNumeric && Math.Ceiling(SizeOf(size.AsNumber)) is var wanted && wanted != volume.Size)
        {
            volume = await ExtendAsync(credential, entity, volume, wanted, ct);
            known.Cache.Forget(volume.Id);
        }
        Read(volume, entity);
        return entity;
    }

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var volume = entity.BackendId is { } id ? await cinder.ShowVolumeAsync(credential, id, ct) : null;
        // An interrupted create is rolled back by the id the server gave: find the volume by the OCCI id in its metadata.
        volume ??= (await cinder.ListVolumesAsync(credential, "?" + GatewayMetadata.CinderFilter(gateway.GatewayTag, entity.Id), ct)).FirstOrDefault();
        if (volume is null || volume.Status is "deleting" or "deleted") return;
        if (volume.Attachments is { Count: > 0 } attachments)
            throw OcciException.Conflict($"storage {entity.Id} is attached to server {attachments[0].ServerId} (Cinder status {volume.Status}); delete its storagelink first, and retry once Cinder has detached it");
        if (volume.Status is "attaching" or "detaching" or "reserved")
            throw OcciException.Conflict($"storage {entity.Id} is {volume.Status} in Cinder; retry once that has finished");
        await cinder.DeleteVolumeAsync(credential, volume.Id, ct);
        known.Cache.Forget(volume.Id);
    }

    public async Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct)
    {
        var volume = await VolumeOf(credential, entity, ct);
        if (action.Action == OcciStorage.Resize.Id)
        {
            if (!action.Attributes.TryGet("size", out var size) || !size.IsNumeric)
                throw OcciException.BadRequest("resize needs a numeric size (GiB)");
            volume = await ExtendAsync(credential, entity, volume, Math.Ceiling(SizeOf(size.AsNumber)), ct);
        }
        else if (action.Action == OcciStorage.Snapshot.Id)
        {
            Usable(entity, volume, "snapshot");
            await cinder.CreateSnapshotAsync(credential, new NewSnapshot(volume.Id, $"occi-{entity.Id}-{time.GetUtcNow():yyyyMMddTHHmmssZ}", Force: true, GatewayMetadata.For(gateway.GatewayTag, entity.Id)), ct);
        }
        else if (action.Action == OcciStorage.Backup.Id && OffersBackups)
        {
            Usable(entity, volume, "backup");
            await cinder.CreateBackupAsync(credential, new NewBackup(volume.Id, $"occi-{entity.Id}-{time.GetUtcNow():yyyyMMddTHHmmssZ}", Incremental: false, Force: true), ct);
            volume = await cinder.ShowVolumeAsync(credential, volume.Id, ct) ?? volume;
        }
        else
        {
            throw OcciException.BadRequest($"storage on OpenStack has no action {action.Action.Term} (Cinder offers {string.Join(", ", _kind.Actions.Select(a => a.Term))})");
        }
        known.Cache.Forget(volume.Id); // the action changes the volume: the next read asks Cinder
        Read(volume, entity);
        return entity;
    }

    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var volume in await cinder.ListVolumesAsync(service, "?" + GatewayMetadata.CinderFilter(gateway.GatewayTag), ct))
            if (volume.Status is not ("deleting" or "deleted")) yield return volume.Id;
    }

    private async Task<CinderVolume> ExtendAsync(ICredential credential, Entity entity, CinderVolume volume, double wanted, CancellationToken ct)
    {
        if (wanted == volume.Size) return volume;
        if (wanted < volume.Size)
            throw OcciException.Conflict($"storage {entity.Id} is {volume.Size} GiB; Cinder can only grow a volume, not shrink it to {wanted} GiB");
        // Cinder extends an available volume; an attached one only from microversion 3.42 and where the site's policy allows.
        if (volume.Status is not ("available" or "in-use"))
            throw OcciException.Conflict($"storage {entity.Id} cannot be resized while Cinder has it {volume.Status}");
        await cinder.ExtendVolumeAsync(credential, volume.Id, wanted, ct);
        return await cinder.ShowVolumeAsync(credential, volume.Id, ct) ?? volume;
    }

    private static void Usable(Entity entity, CinderVolume volume, string what)
    {
        if (volume.Status is not ("available" or "in-use"))
            throw OcciException.Conflict($"storage {entity.Id} cannot be given a {what} while Cinder has it {volume.Status}");
    }

    private async Task<CinderVolume> VolumeOf(ICredential credential, Entity entity, CancellationToken ct) =>
        (entity.BackendId is { } id ? await cinder.ShowVolumeAsync(credential, id, ct) : null)
        ?? throw OcciException.NotFound($"storage {entity.Id}: its Cinder volume no longer exists");

    internal static void Read(CinderVolume volume, Entity entity)
    {
        entity.BackendId = volume.Id;
        if (volume.Size is { } size) entity.Attributes[OcciStorage.Size] = size;
        entity.Attributes[OcciStorage.State] = VolumeStates.ToOcci(volume.Status);
        entity.Attributes[OcciStorage.StateMessage] = VolumeStates.Message(volume.Status);
    }

    private static double SizeOf(double? size) =>
        size is > 0 and <= MaxSizeGiB ? size.Value
        : throw OcciException.BadRequest($"{OcciStorage.Size} must be a positive number of GiB, at most {MaxSizeGiB}");
}
