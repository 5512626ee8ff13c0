using System.Runtime.InteropServices;

namespace Occi.Backends.Libvirt.Native;

/// <summary>struct _virError (virterror.h); only the leading fields we read are declared.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirError
{
    public int Code;
    public int Domain;
    public nint Message;
    public int Level;
}

/// <summary>struct _virStorageVolInfo (libvirt-storage.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirStorageVolInfo
{
    public int Type;
    public ulong Capacity;
    public ulong Allocation;
}

/// <summary>struct _virStoragePoolInfo (libvirt-storage.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirStoragePoolInfo
{
    public int State;
    public ulong Capacity;
    public ulong Allocation;
    public ulong Available;
}

/// <summary>struct _virNetworkDHCPLease (libvirt-network.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirNetworkDhcpLease
{
    public nint Iface;
    public long ExpiryTime;
    public int Type;
    public nint Mac;
    public nint Iaid;
    public nint IpAddr;
    public uint Prefix;
    public nint Hostname;
    public nint ClientId;
}
