using System.Runtime.InteropServices;

namespace Occi.Backends.Libvirt.Native;

/// <summary>
/// A libvirt object pointer (virConnectPtr, virDomainPtr, …) released by its own free function exactly once.
/// libvirt reference-counts these objects, so releasing a domain while its connection stays open is safe.
/// </summary>
internal abstract class SafeLibvirtHandle : SafeHandle
{
    protected SafeLibvirtHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Adopts a pointer libvirt handed out in an array (virConnectListAll*).</summary>
    internal void Adopt(nint pointer) => SetHandle(pointer);
}

internal sealed class ConnectionHandle : SafeLibvirtHandle
{
    public ConnectionHandle() { }
    protected override bool ReleaseHandle() => LibvirtNative.virConnectClose(handle) >= 0;
}

internal sealed class DomainHandle : SafeLibvirtHandle
{
    public DomainHandle() { }
    protected override bool ReleaseHandle() => LibvirtNative.virDomainFree(handle) >= 0;
}

internal sealed class StoragePoolHandle : SafeLibvirtHandle
{
    public StoragePoolHandle() { }
    protected override bool ReleaseHandle() => LibvirtNative.virStoragePoolFree(handle) >= 0;
}

internal sealed class StorageVolumeHandle : SafeLibvirtHandle
{
    public StorageVolumeHandle() { }
    protected override bool ReleaseHandle() => LibvirtNative.virStorageVolFree(handle) >= 0;
}

internal sealed class NetworkHandle : SafeLibvirtHandle
{
    public NetworkHandle() { }
    protected override bool ReleaseHandle() => LibvirtNative.virNetworkFree(handle) >= 0;
}

internal sealed class StreamHandle : SafeLibvirtHandle
{
    public StreamHandle() { }
    protected override bool ReleaseHandle() => LibvirtNative.virStreamFree(handle) >= 0;
}
