using System.Net;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.X509;

/// <summary>Occi:Auth:X509:TrustedProxies: the addresses and CIDR ranges whose forwarded client chain is believed.</summary>
internal sealed class TrustedProxies(IOptions<X509AuthOptions> options)
{
    private readonly IPNetwork[] _networks = Parse(options.Value.TrustedProxies, out _);

    public bool Contains(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var n in _networks)
            if (n.Contains(address)) return true;
        return false;
    }

    /// <summary>The list's networks; <paramref name="error"/> names the first entry that is neither an address nor a range.</summary>
    public static IPNetwork[] Parse(string list, out string? error)
    {
        error = null;
        var networks = new List<IPNetwork>();
        foreach (var entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(entry, out var address))
                networks.Add(new IPNetwork(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else error ??= $"{X509AuthOptions.Section}:TrustedProxies has '{entry}', which is neither an address nor a CIDR range";
        }
        return [.. networks];
    }
}
