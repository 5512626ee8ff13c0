using System.Net;
using System.Net.Sockets;

namespace Occi.Backends.Local;

/// <summary>
/// An IPv4 CIDR block ("192.168.0.0/24") as occi.network.address carries it, and the host addresses in it
/// a networkinterface may be given: neither the network nor the broadcast address, nor the gateway.
/// </summary>
internal readonly record struct Ipv4Block(uint Network, int PrefixLength)
{
    public uint Size => PrefixLength == 0 ? uint.MaxValue : 1u << (32 - PrefixLength);

    public static bool TryParse(string? text, out Ipv4Block block)
    {
        block = default;
        if (string.IsNullOrEmpty(text)) return false;
        var slash = text.IndexOf('/');
        var prefix = 32;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), out prefix) || prefix is < 0 or > 32)) return false;
        if (!IPAddress.TryParse(slash >= 0 ? text.AsSpan(0, slash) : text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
            return false;
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        block = new Ipv4Block(ToUInt(ip) & mask, prefix);
        return true;
    }

    public static uint ToUInt(IPAddress ip)
    {
        Span<byte> b = stackalloc byte[4];
        ip.TryWriteBytes(b, out _);
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        if (string.IsNullOrEmpty(text)) return false;
        var slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash >= 0 ? text.AsSpan(0, slash) : text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork) return false;
        address = ToUInt(ip);
        return true;
    }

    public static string Format(uint a) => $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}";

    /// <summary>The conventional gateway: the first host address.</summary>
    public uint DefaultGateway => Network + 1;

    /// <summary>The lowest host address not in use and not the gateway; null when the block is full.</summary>
    public uint? FirstFree(IReadOnlySet<uint> inUse, uint gateway)
    {
        if (PrefixLength >= 31) return null; // no room for network, gateway and broadcast
        var last = Network + (Size - 2); // broadcast excluded
        for (var a = Network + 1; a <= last; a++)
            if (a != gateway && !inUse.Contains(a)) return a;
        return null;
    }
}
