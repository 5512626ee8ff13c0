using System.Runtime.InteropServices;

namespace Occi.Backends.Libvirt.Native;

/// <summary>
/// The libvirt C API calls the backend uses, one declaration each (signatures from libvirt-*.h).
/// Functions returning a caller-owned char* are declared as nint and read with <see cref="LibvirtStrings.Take"/>;
/// the ones returning const char* (owned by libvirt) with <see cref="LibvirtStrings.Peek"/>.
/// Every failing call leaves a thread-local virError, so callers read it on the same thread.
/// </summary>
internal static unsafe partial class LibvirtNative
{
    public const string Library = "libvirt.so.0";

    // libvirt.h / libvirt-host.h
    [LibraryImport(Library)] public static partial int virInitialize();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial ConnectionHandle virConnectOpen(string? name);
    [LibraryImport(Library)] public static partial int virConnectClose(nint conn);
    [LibraryImport(Library)] public static partial int virConnectIsAlive(ConnectionHandle conn);
    [LibraryImport(Library)] public static partial nint virConnectGetType(ConnectionHandle conn);
    [LibraryImport(Library)] public static partial nint virConnectGetCapabilities(ConnectionHandle conn);

    // virterror.h
    [LibraryImport(Library)] public static partial VirError* virGetLastError();
    [LibraryImport(Library)] public static partial void virResetLastError();
    [LibraryImport(Library)] public static partial void virSetErrorFunc(nint userData, delegate* unmanaged[Cdecl]<nint, nint, void> handler);

    // libvirt-domain.h
    [LibraryImport(Library)] public static partial int virConnectListAllDomains(ConnectionHandle conn, out nint domains, uint flags);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial DomainHandle virDomainDefineXML(ConnectionHandle conn, string xml);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial DomainHandle virDomainLookupByUUIDString(ConnectionHandle conn, string uuid);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial DomainHandle virDomainLookupByName(ConnectionHandle conn, string name);
    [LibraryImport(Library)] public static partial int virDomainFree(nint domain);
    [LibraryImport(Library)] public static partial int virDomainCreate(DomainHandle domain);
    [LibraryImport(Library)] public static partial int virDomainDestroy(DomainHandle domain);
    [LibraryImport(Library)] public static partial int virDomainShutdown(DomainHandle domain);
    [LibraryImport(Library)] public static partial int virDomainReboot(DomainHandle domain, uint flags);
    [LibraryImport(Library)] public static partial int virDomainSuspend(DomainHandle domain);
    [LibraryImport(Library)] public static partial int virDomainResume(DomainHandle domain);
    [LibraryImport(Library)] public static partial int virDomainManagedSave(DomainHandle domain, uint flags);
    [LibraryImport(Library)] public static partial int virDomainHasManagedSaveImage(DomainHandle domain, uint flags);
    [LibraryImport(Library)] public static partial int virDomainManagedSaveRemove(DomainHandle domain, uint flags);
    [LibraryImport(Library)] public static partial int virDomainUndefineFlags(DomainHandle domain, uint flags);
    [LibraryImport(Library)] public static partial int virDomainGetState(DomainHandle domain, out int state, out int reason, uint flags);
    [LibraryImport(Library)] public static partial int virDomainIsActive(DomainHandle domain);
    [LibraryImport(Library)] public static partial nint virDomainGetXMLDesc(DomainHandle domain, uint flags);
    [LibraryImport(Library)] public static partial nint virDomainGetName(DomainHandle domain);
    [LibraryImport(Library)] public static partial int virDomainGetUUIDString(DomainHandle domain, byte* buffer);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint virDomainGetMetadata(DomainHandle domain, int type, string? uri, uint flags);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int virDomainAttachDeviceFlags(DomainHandle domain, string xml, uint flags);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int virDomainDetachDeviceFlags(DomainHandle domain, string xml, uint flags);

    // libvirt-storage.h
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial StoragePoolHandle virStoragePoolLookupByName(ConnectionHandle conn, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial StoragePoolHandle virStoragePoolCreateXML(ConnectionHandle conn, string xml, uint flags);
    [LibraryImport(Library)] public static partial int virConnectListAllStoragePools(ConnectionHandle conn, out nint pools, uint flags);
    [LibraryImport(Library)] public static partial nint virStoragePoolGetName(StoragePoolHandle pool);
    [LibraryImport(Library)] public static partial int virStoragePoolIsActive(StoragePoolHandle pool);
    [LibraryImport(Library)] public static partial int virStoragePoolDestroy(StoragePoolHandle pool);
    [LibraryImport(Library)] public static partial int virStoragePoolFree(nint pool);
    [LibraryImport(Library)] public static partial int virStoragePoolRefresh(StoragePoolHandle pool, uint flags);
    [LibraryImport(Library)] public static partial int virStoragePoolGetInfo(StoragePoolHandle pool, out VirStoragePoolInfo info);
    [LibraryImport(Library)] public static partial int virStoragePoolListAllVolumes(StoragePoolHandle pool, out nint volumes, uint flags);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial StorageVolumeHandle virStorageVolCreateXML(StoragePoolHandle pool, string xml, uint flags);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial StorageVolumeHandle virStorageVolLookupByName(StoragePoolHandle pool, string name);
    [LibraryImport(Library)] public static partial int virStorageVolFree(nint volume);
    [LibraryImport(Library)] public static partial int virStorageVolDelete(StorageVolumeHandle volume, uint flags);
    [LibraryImport(Library)] public static partial nint virStorageVolGetName(StorageVolumeHandle volume);
    [LibraryImport(Library)] public static partial nint virStorageVolGetPath(StorageVolumeHandle volume);
    [LibraryImport(Library)] public static partial int virStorageVolGetInfo(StorageVolumeHandle volume, out VirStorageVolInfo info);
    [LibraryImport(Library)] public static partial nint virStorageVolGetXMLDesc(StorageVolumeHandle volume, uint flags);
    [LibraryImport(Library)] public static partial int virStorageVolResize(StorageVolumeHandle volume, ulong capacity, uint flags);

    [LibraryImport(Library)] public static partial int virStorageVolUpload(StorageVolumeHandle volume, StreamHandle stream, ulong offset, ulong length, uint flags);

    // libvirt-stream.h
    [LibraryImport(Library)] public static partial StreamHandle virStreamNew(ConnectionHandle conn, uint flags);
    [LibraryImport(Library)] public static partial int virStreamSend(StreamHandle stream, byte* data, nuint length);
    [LibraryImport(Library)] public static partial int virStreamFinish(StreamHandle stream);
    [LibraryImport(Library)] public static partial int virStreamAbort(StreamHandle stream);
    [LibraryImport(Library)] public static partial int virStreamFree(nint stream);

    // libvirt-network.h
    [LibraryImport(Library)] public static partial int virConnectListAllNetworks(ConnectionHandle conn, out nint networks, uint flags);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial NetworkHandle virNetworkDefineXML(ConnectionHandle conn, string xml);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial NetworkHandle virNetworkLookupByName(ConnectionHandle conn, string name);
    [LibraryImport(Library)] public static partial int virNetworkFree(nint network);
    [LibraryImport(Library)] public static partial int virNetworkCreate(NetworkHandle network);
    [LibraryImport(Library)] public static partial int virNetworkDestroy(NetworkHandle network);
    [LibraryImport(Library)] public static partial int virNetworkUndefine(NetworkHandle network);
    [LibraryImport(Library)] public static partial int virNetworkIsActive(NetworkHandle network);
    [LibraryImport(Library)] public static partial nint virNetworkGetXMLDesc(NetworkHandle network, uint flags);
    [LibraryImport(Library)] public static partial int virNetworkGetUUIDString(NetworkHandle network, byte* buffer);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int virNetworkGetDHCPLeases(NetworkHandle network, string? mac, out nint leases, uint flags);
    [LibraryImport(Library)] public static partial void virNetworkDHCPLeaseFree(nint lease);

    /// <summary>VIR_UUID_STRING_BUFLEN: 36 characters and the terminating NUL.</summary>
    public const int UuidStringLength = 37;
}
