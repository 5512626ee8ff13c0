using System.Runtime.InteropServices;
using Occi.Backends.Libvirt.Native;
using static Occi.Backends.Libvirt.Native.LibvirtLibrary;

namespace Occi.Backends.Libvirt.Client;

/// <summary>A virNetworkPtr: a virtual network (a bridge, NAT and dnsmasq for DHCP on a real host).</summary>
internal sealed unsafe class LibvirtNetwork(NetworkHandle handle) : IDisposable
{
    public Guid Uuid
    {
        get
        {
            var buffer = stackalloc byte[LibvirtNative.UuidStringLength];
            Check(LibvirtNative.virNetworkGetUUIDString(handle, buffer), "virNetworkGetUUIDString");
            return Guid.Parse(new string((sbyte*)buffer));
        }
    }

    public bool IsActive => Check(LibvirtNative.virNetworkIsActive(handle), "virNetworkIsActive") == 1;

    public string Xml => LibvirtStrings.Take(LibvirtNative.virNetworkGetXMLDesc(handle, 0)) ?? throw LastError("virNetworkGetXMLDesc");

    public void Create() => Check(LibvirtNative.virNetworkCreate(handle), "virNetworkCreate");
    public void Destroy() => Check(LibvirtNative.virNetworkDestroy(handle), "virNetworkDestroy");
    public void Undefine() => Check(LibvirtNative.virNetworkUndefine(handle), "virNetworkUndefine");

    /// <summary>The DHCP leases dnsmasq handed out, optionally for one MAC: (mac, ip address, prefix).</summary>
    public IReadOnlyList<(string Mac, string Address, uint Prefix)> DhcpLeases(string? mac)
    {
        var count = Check(LibvirtNative.virNetworkGetDHCPLeases(handle, mac, out var array, 0), "virNetworkGetDHCPLeases");
        var leases = new List<(string, string, uint)>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var lease = ((nint*)array)[i];
                var l = (VirNetworkDhcpLease*)lease;
                leases.Add((LibvirtStrings.Peek(l->Mac) ?? "", LibvirtStrings.Peek(l->IpAddr) ?? "", l->Prefix));
                LibvirtNative.virNetworkDHCPLeaseFree(lease);
            }
        }
        finally
        {
            NativeMemory.Free((void*)array);
        }
        return leases;
    }

    public void Dispose() => handle.Dispose();
}
