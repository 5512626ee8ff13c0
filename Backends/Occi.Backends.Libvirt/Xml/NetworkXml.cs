using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;

namespace Occi.Backends.Libvirt.Xml;

/// <summary>Virtual network XML (libvirt's formatnetwork), IPv4 only.</summary>
internal static class NetworkXml
{
    /// <summary>A network with one IPv4 subnet; <paramref name="dhcp"/> adds a DHCP range over the other host addresses.</summary>
    public static string Build(string name, Guid uuid, string forwardMode, Ipv4Subnet subnet, bool dhcp)
    {
        var ip = new XElement("ip", new XAttribute("address", subnet.Gateway), new XAttribute("prefix", subnet.Prefix));
        if (dhcp && subnet.DhcpRange() is { } range)
            ip.Add(new XElement("dhcp", new XElement("range", new XAttribute("start", range.Start), new XAttribute("end", range.End))));
        return new XElement("network",
            new XElement("name", name),
            new XElement("uuid", uuid.ToString("D")),
            forwardMode is "none" or "" ? null : new XElement("forward", new XAttribute("mode", forwardMode)),
            ip).ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The first IPv4 subnet of a network and whether it hands out addresses by DHCP.</summary>
    public static (Ipv4Subnet Subnet, bool Dhcp)? Ipv4(string xml)
    {
        foreach (var ip in XElement.Parse(xml).Elements("ip"))
        {
            if (((string?)ip.Attribute("family") ?? "ipv4") != "ipv4") continue;
            if (!IPAddress.TryParse((string?)ip.Attribute("address"), out var address) || address.AddressFamily != AddressFamily.InterNetwork) continue;
            int prefix;
            if ((string?)ip.Attribute("prefix") is { } p) prefix = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            else if (IPAddress.TryParse((string?)ip.Attribute("netmask"), out var mask)) prefix = Ipv4Subnet.PrefixOf(mask);
            else prefix = 24;
            return (new Ipv4Subnet(address, prefix), ip.Element("dhcp") is not null);
        }
        return null;
    }
}

/// <summary>An IPv4 subnet given by its gateway (the host's address in it) and prefix length.</summary>
internal sealed record Ipv4Subnet(IPAddress Gateway, int Prefix)
{
    private uint Mask => Prefix == 0 ? 0 : uint.MaxValue << (32 - Prefix);
    private uint GatewayBits => ToBits(Gateway);

    public IPAddress Network => FromBits(GatewayBits & Mask);

    /// <summary>CIDR form, as occi.network.address carries it: "192.168.100.0/24".</summary>
    public string Cidr => $"{Network}/{Prefix}";

    public bool Overlaps(Ipv4Subnet other)
    {
        var mask = Prefix < other.Prefix ? Mask : other.Mask;
        return (GatewayBits & mask) == (other.GatewayBits & mask);
    }

    /// <summary>Every host address but the gateway's side of the range, or null when the subnet is too small.</summary>
    public (IPAddress Start, IPAddress End)? DhcpRange()
    {
        if (Prefix > 29) return null;
        var network = GatewayBits & Mask;
        var broadcast = network | ~Mask;
        var start = GatewayBits == network + 1 ? network + 2 : network + 1;
        var end = GatewayBits == broadcast - 1 ? broadcast - 2 : broadcast - 1;
        return (FromBits(start), FromBits(end));
    }

    /// <summary>Parses occi.network.address ("10.1.2.0/24" or "10.1.2.1/24") with an optional gateway.</summary>
    public static Ipv4Subnet Parse(string address, string? gateway)
    {
        var slash = address.IndexOf('/');
        var ip = IPAddress.Parse(slash >= 0 ? address[..slash] : address);
        var prefix = slash >= 0 ? int.Parse(address[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture) : 24;
        if (ip.AddressFamily != AddressFamily.InterNetwork || prefix is < 8 or > 30)
            throw new FormatException($"'{address}' is not an IPv4 network with a prefix between 8 and 30");
        var mask = uint.MaxValue << (32 - prefix);
        var bits = ToBits(ip);
        IPAddress gw;
        if (gateway is not null)
        {
            gw = IPAddress.Parse(gateway);
            if ((ToBits(gw) & mask) != (bits & mask)) throw new FormatException($"gateway {gateway} is outside {address}");
        }
        else gw = (bits & ~mask) == 0 ? FromBits(bits + 1) : ip;
        return new Ipv4Subnet(gw, prefix);
    }

    public static int PrefixOf(IPAddress mask) => System.Numerics.BitOperations.PopCount(ToBits(mask));

    private static uint ToBits(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress FromBits(uint bits) => new([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]);
}
