using Occi.Backends.Libvirt.Native;
using static Occi.Backends.Libvirt.Native.LibvirtLibrary;

namespace Occi.Backends.Libvirt.Client;

/// <summary>
/// An open virConnectPtr to one hypervisor (test:///default, qemu:///system, qemu+ssh://host/system).
/// libvirt connections are thread-safe; every method blocks on the host and throws <see cref="LibvirtException"/>.
/// </summary>
internal sealed class LibvirtConnection : IDisposable
{
    private readonly ConnectionHandle _handle;

    private LibvirtConnection(string uri, ConnectionHandle handle)
    {
        Uri = uri;
        _handle = handle;
    }

    public string Uri { get; }

    public static LibvirtConnection Open(string uri)
    {
        EnsureLoaded();
        return new LibvirtConnection(uri, Check(LibvirtNative.virConnectOpen(uri), "virConnectOpen"));
    }

    /// <summary>virConnectIsAlive: false when the connection (or its RPC channel) is gone.</summary>
    public bool IsAlive => !_handle.IsClosed && LibvirtNative.virConnectIsAlive(_handle) == 1;

    /// <summary>The hypervisor driver name: "Test", "QEMU", …</summary>
    public string DriverType =>
        LibvirtStrings.Peek(LibvirtNative.virConnectGetType(_handle)) ?? throw LastError("virConnectGetType");

    /// <summary>The host's capabilities XML (guest architectures and the domain types each supports).</summary>
    public string Capabilities =>
        LibvirtStrings.Take(LibvirtNative.virConnectGetCapabilities(_handle)) ?? throw LastError("virConnectGetCapabilities");

    public LibvirtDomain DefineDomain(string xml) =>
        new(Check(LibvirtNative.virDomainDefineXML(_handle, xml), "virDomainDefineXML"));

    /// <summary>The domain with this UUID, or null when the host has none.</summary>
    public LibvirtDomain? FindDomain(Guid uuid) =>
        Found(() => LibvirtNative.virDomainLookupByUUIDString(_handle, uuid.ToString("D")), "virDomainLookupByUUIDString") is { } h ? new LibvirtDomain(h) : null;

    /// <summary>The domain with this name, or null when the host has none.</summary>
    public LibvirtDomain? FindDomainByName(string name) =>
        Found(() => LibvirtNative.virDomainLookupByName(_handle, name), "virDomainLookupByName") is { } h ? new LibvirtDomain(h) : null;

    /// <summary>virConnectListAllDomains: every domain, active or not, persistent or not.</summary>
    public IReadOnlyList<LibvirtDomain> ListDomains()
    {
        var count = Check(LibvirtNative.virConnectListAllDomains(_handle, out var array, 0), "virConnectListAllDomains");
        return Adopt<DomainHandle, LibvirtDomain>(array, count, h => new LibvirtDomain(h));
    }

    public LibvirtStoragePool? FindStoragePool(string name) =>
        Found(() => LibvirtNative.virStoragePoolLookupByName(_handle, name), "virStoragePoolLookupByName") is { } h ? new LibvirtStoragePool(name, h) : null;

    /// <summary>virConnectListAllStoragePools: every pool of the host, active or not.</summary>
    public IReadOnlyList<LibvirtStoragePool> ListStoragePools()
    {
        var count = Check(LibvirtNative.virConnectListAllStoragePools(_handle, out var array, 0), "virConnectListAllStoragePools");
        return Adopt<StoragePoolHandle, LibvirtStoragePool>(array, count, LibvirtStoragePool.Of);
    }

    /// <summary>
    /// Starts a transient pool (gone once destroyed), building its target (a directory, say) first unless
    /// <paramref name="build"/> is false (the test driver builds nothing and refuses the flag).
    /// </summary>
    public LibvirtStoragePool CreateTransientStoragePool(string name, string xml, bool build = true) =>
        new(name, Check(LibvirtNative.virStoragePoolCreateXML(_handle, xml, build ? 1u /* VIR_STORAGE_POOL_CREATE_WITH_BUILD */ : 0u), "virStoragePoolCreateXML"));

    public LibvirtNetwork DefineNetwork(string xml) =>
        new(Check(LibvirtNative.virNetworkDefineXML(_handle, xml), "virNetworkDefineXML"));

    public LibvirtNetwork? FindNetwork(string name) =>
        Found(() => LibvirtNative.virNetworkLookupByName(_handle, name), "virNetworkLookupByName") is { } h ? new LibvirtNetwork(h) : null;

    public IReadOnlyList<LibvirtNetwork> ListNetworks()
    {
        var count = Check(LibvirtNative.virConnectListAllNetworks(_handle, out var array, 0), "virConnectListAllNetworks");
        return Adopt<NetworkHandle, LibvirtNetwork>(array, count, h => new LibvirtNetwork(h));
    }

    /// <summary>A blocking stream on this connection, for volume uploads.</summary>
    internal StreamHandle NewStream() => Check(LibvirtNative.virStreamNew(_handle, 0), "virStreamNew");

    public void Dispose() => _handle.Dispose();

    /// <summary>Runs a lookup; a "not found" error becomes null, any other error is thrown.</summary>
    private static T? Found<T>(Func<T> lookup, string call) where T : SafeLibvirtHandle
    {
        var handle = lookup();
        if (!handle.IsInvalid) return handle;
        handle.Dispose();
        var error = LastError(call);
        return error.IsNotFound ? null : throw error;
    }

    /// <summary>Wraps each pointer of a libvirt-allocated array and frees the array itself.</summary>
    internal static unsafe IReadOnlyList<TWrapper> Adopt<THandle, TWrapper>(nint array, int count, Func<THandle, TWrapper> wrap)
        where THandle : SafeLibvirtHandle, new()
    {
        var items = new List<TWrapper>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var handle = new THandle();
                handle.Adopt(((nint*)array)[i]);
                items.Add(wrap(handle));
            }
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free((void*)array);
        }
        return items;
    }
}
