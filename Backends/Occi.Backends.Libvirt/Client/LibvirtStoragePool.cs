using Occi.Backends.Libvirt.Native;
using static Occi.Backends.Libvirt.Native.LibvirtLibrary;

namespace Occi.Backends.Libvirt.Client;

/// <summary>A virStoragePoolPtr: a directory, LVM group or other store holding volumes.</summary>
internal sealed class LibvirtStoragePool(string name, StoragePoolHandle handle) : IDisposable
{
    public string Name { get; } = name;

    /// <summary>A pool handle from a listing, named by libvirt.</summary>
    public static LibvirtStoragePool Of(StoragePoolHandle handle) =>
        new(LibvirtStrings.Peek(LibvirtNative.virStoragePoolGetName(handle)) ?? throw LastError("virStoragePoolGetName"), handle);

    /// <summary>virStoragePoolIsActive: a pool must be started before its volumes can be used.</summary>
    public bool IsActive => Check(LibvirtNative.virStoragePoolIsActive(handle), "virStoragePoolIsActive") == 1;

    /// <summary>Rescans the pool so volumes created outside libvirt (images copied in) show up.</summary>
    public void Refresh() => Check(LibvirtNative.virStoragePoolRefresh(handle, 0), "virStoragePoolRefresh");

    /// <summary>Total size, space in use and space still free, in bytes, as libvirt last measured them.</summary>
    public (ulong Capacity, ulong Allocation, ulong Available) Info
    {
        get
        {
            Check(LibvirtNative.virStoragePoolGetInfo(handle, out var info), "virStoragePoolGetInfo");
            return (info.Capacity, info.Allocation, info.Available);
        }
    }

    public IReadOnlyList<LibvirtStorageVolume> ListVolumes()
    {
        var count = Check(LibvirtNative.virStoragePoolListAllVolumes(handle, out var array, 0), "virStoragePoolListAllVolumes");
        return LibvirtConnection.Adopt<StorageVolumeHandle, LibvirtStorageVolume>(array, count, h => new LibvirtStorageVolume(h));
    }

    public LibvirtStorageVolume CreateVolume(string xml) =>
        new(Check(LibvirtNative.virStorageVolCreateXML(handle, xml, 0), "virStorageVolCreateXML"));

    /// <summary>The volume with this name, or null when the pool has none.</summary>
    public LibvirtStorageVolume? FindVolume(string name)
    {
        var volume = LibvirtNative.virStorageVolLookupByName(handle, name);
        if (!volume.IsInvalid) return new LibvirtStorageVolume(volume);
        volume.Dispose();
        var error = LastError("virStorageVolLookupByName");
        return error.IsNotFound ? null : throw error;
    }

    /// <summary>Stops the pool (its volumes stay on disk); a transient pool disappears.</summary>
    public void Destroy() => Check(LibvirtNative.virStoragePoolDestroy(handle), "virStoragePoolDestroy");

    public void Dispose() => handle.Dispose();
}
