using System.Runtime.InteropServices;

namespace Occi.Server.Tests.Support;

/// <summary>
/// An image volume in test:///default's pool "default-pool", so that a libvirt server pointed at that pool as
/// its image pool offers an os_tpl. The test driver keeps its state while one connection of the process stays
/// open: this one stays open until disposed, when the volume is deleted again.
/// </summary>
public sealed class TestDriverImage : IDisposable
{
    private const string Library = "libvirt.so.0";
    public const string Pool = "default-pool";

    private readonly nint _connection;
    private readonly nint _pool;
    private readonly nint _volume;

    public string Name { get; }

    public TestDriverImage(string name, ulong capacityBytes = 1UL << 30)
    {
        Name = name;
        _connection = virConnectOpen("test:///default");
        if (_connection == 0) throw new InvalidOperationException("virConnectOpen(test:///default) failed");
        _pool = virStoragePoolLookupByName(_connection, Pool);
        if (_pool == 0) throw new InvalidOperationException($"test:///default has no pool {Pool}");
        _volume = virStorageVolCreateXML(_pool,
            $"<volume><name>{name}</name><capacity unit='bytes'>{capacityBytes}</capacity><target><format type='qcow2'/></target></volume>", 0);
        if (_volume == 0) throw new InvalidOperationException($"creating the volume {name} failed");
    }

    public void Dispose()
    {
        virStorageVolDelete(_volume, 0);
        virStorageVolFree(_volume);
        virStoragePoolFree(_pool);
        virConnectClose(_connection);
    }

    [DllImport(Library)] private static extern nint virConnectOpen(string name);
    [DllImport(Library)] private static extern int virConnectClose(nint connection);
    [DllImport(Library)] private static extern nint virStoragePoolLookupByName(nint connection, string name);
    [DllImport(Library)] private static extern int virStoragePoolFree(nint pool);
    [DllImport(Library)] private static extern nint virStorageVolCreateXML(nint pool, string xml, uint flags);
    [DllImport(Library)] private static extern int virStorageVolDelete(nint volume, uint flags);
    [DllImport(Library)] private static extern int virStorageVolFree(nint volume);
}
