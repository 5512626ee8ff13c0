using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using OcciStorage = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Backends.Synnefo.Storage;

/// <summary>
/// storage ↔ Cyclades volume (GFD.184 §3.3; blockstorage-api-guide, "Volumes"). A create asks Cyclades once and
/// answers at once (the volume is CREATING, so offline, until Archipelago has made it); its metadata marks it as the
/// gateway's (<see cref="GatewayMetadata"/>, with Occi:Synnefo:GatewayTag). snapshot is a Cyclades snapshot. Differs
/// from the OpenStack backend's CinderVolumes: Cyclades cannot grow a volume (no os-extend), so a size change is
/// refused (409) and resize not offered (<see cref="CycladesStorageKind"/>); no backups; sizes are whole GB.
/// </summary>
internal sealed class CycladesVolumes(CycladesVolumeClient cyclades, SynnefoVolumeOptions options, SynnefoOptions gateway, TimeProvider time) : ISynnefoTranslator
{
    /// <summary>Cyclades' sizes are whole GB; 1 PiB is above any site's quota.</summary>
    internal const double MaxSizeGiB = 1 << 20;

    public IReadOnlyList<Kind> Kinds => [CycladesStorageKind.Kind];

    public Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) => Task.FromResult<IReadOnlyList<Mixin>>([]);

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var size = (long)Math.Ceiling(SizeOf(entity.Attributes.TryGet(OcciStorage.Size, out var s) && s.IsNumeric ? s.AsNumber : null));
        // Over the cyclades.disk quota Cyclades answers 413, which the request path turns into 409 with its message naming the resource.
        var volume = await cyclades.CreateVolumeAsync(credential, new NewCycladesVolume(size,
            entity.Title is { Length: > 0 and <= 255 } title ? title : "occi-" + entity.Id, $"OCCI storage {entity.Id}",
            GatewayMetadata.For(gateway.GatewayTag, entity.Id), options.VolumeType.Length > 0 ? options.VolumeType : null), ct);
        Read(volume, entity);
        return entity;
    }

    /// <summary>Every read asks Cyclades, whatever the freshness asked.</summary>
    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (entity.BackendId is not { } id || await cyclades.ShowVolumeAsync(credential, id, ct) is not { } volume) return false;
        Read(volume, entity);
        return true;
    }

    /// <summary>A changed occi.storage.size is refused: Cyclades cannot resize a volume. Otherwise the live attributes are read back.</summary>
    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var volume = await VolumeOf(credential, entity, ct);
        if (entity.Attributes.TryGet(OcciStorage.Size, out var size) && size.IsNumeric && Math.Ceiling(SizeOf(size.AsNumber)) != volume.Size)
            throw OcciException.Conflict($"storage {entity.Id} is {volume.Size} GB: Cyclades cannot resize a volume; make a new storage of the size wanted");
        Read(volume, entity);
        return entity;
    }

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var volume = entity.BackendId is { } id ? await cyclades.ShowVolumeAsync(credential, id, ct) : null;
        // An interrupted create is rolled back by the id the server gave: the volume is found by the OCCI id in its metadata.
        volume ??= (await cyclades.ListVolumesAsync(credential, ct)).FirstOrDefault(v => v.Metadata?.GetValueOrDefault(GatewayMetadata.EntityKey) == entity.Id
            && GatewayMetadata.IsOurs(v.Metadata, gateway.GatewayTag));
        if (volume is null) return;
        if (volume.Attachments is [{ ServerId: var server }, ..])
            throw OcciException.Conflict($"storage {entity.Id} is attached to server {server}; delete its storagelink first");
        if (!CycladesVolumeStates.IsReady(volume.Status))
            throw OcciException.Conflict($"storage {entity.Id} is {volume.Status} in Cyclades; retry once it is online");
        await cyclades.DeleteVolumeAsync(credential, volume.Id, ct);
    }

    public async Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct)
    {
        if (action.Action != OcciStorage.Snapshot.Id)
            throw OcciException.BadRequest($"storage on Synnefo has no action {action.Action.Term} (Cyclades offers snapshot only)");
        var volume = await VolumeOf(credential, entity, ct);
        if (!CycladesVolumeStates.IsReady(volume.Status))
            throw OcciException.Conflict($"storage {entity.Id} cannot be given a snapshot while Cyclades has it {volume.Status}");
        await cyclades.CreateSnapshotAsync(credential, new NewCycladesSnapshot(volume.Id, $"occi-{entity.Id}-{time.GetUtcNow():yyyyMMddTHHmmssZ}", $"OCCI storage {entity.Id}"), ct);
        Read(volume, entity);
        return entity;
    }

    /// <summary>The gateway's volumes (its mark in their metadata).</summary>
    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var volume in await cyclades.ListVolumesAsync(service, ct))
            if (GatewayMetadata.IsOurs(volume.Metadata, gateway.GatewayTag)) yield return volume.Id;
    }

    private async Task<CycladesVolume> VolumeOf(ICredential credential, Entity entity, CancellationToken ct) =>
        (entity.BackendId is { } id ? await cyclades.ShowVolumeAsync(credential, id, ct) : null)
        ?? throw OcciException.NotFound($"storage {entity.Id}: its Cyclades volume no longer exists");

    private static void Read(CycladesVolume volume, Entity entity)
    {
        entity.BackendId = volume.Id;
        if (volume.Size is { } size) entity.Attributes[OcciStorage.Size] = size;
        entity.Attributes[OcciStorage.State] = CycladesVolumeStates.ToOcci(volume.Status);
        entity.Attributes[OcciStorage.StateMessage] = CycladesVolumeStates.Message(volume.Status);
    }

    private static double SizeOf(double? size) =>
        size is > 0 and <= MaxSizeGiB ? size.Value
        : throw OcciException.BadRequest($"{OcciStorage.Size} must be a positive number of GB, at most {MaxSizeGiB}");
}
