namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// What the simulated Cyclades/Network service holds (docs/network-api-guide.rst, "Index of Attributes"): networks,
/// their subnets, ports and floating IPs, each owned by one user. One public network, a floating IP pool
/// (SNF:floating_ip_pool, router:external), exists from the start and belongs to no one, as a site's does.
/// Every read and write holds <see cref="Gate"/>.
/// </summary>
internal sealed class SimulatedNetworking
{
    public const string PublicNetworkId = "2718";
    public const string PublicSubnetId = "28";
    public const string PublicPrefix = "198.51.100.";

    private int _next = 3000;
    private int _nextMac;

    public Lock Gate { get; } = new();
    public Dictionary<string, SimNetwork> Networks { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimSubnet> Subnets { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimPort> Ports { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimFloatingIp> FloatingIps { get; } = new(StringComparer.Ordinal);

    public SimulatedNetworking()
    {
        Networks[PublicNetworkId] = new SimNetwork(PublicNetworkId, "Public IPv4 Network", null, "IP_LESS_ROUTED") { FloatingIpPool = true, Subnets = { PublicSubnetId } };
        Subnets[PublicSubnetId] = new SimSubnet(PublicSubnetId, PublicNetworkId, null, PublicPrefix + "0/24", PublicPrefix + "1", true, 4, "IPv4 Subnet of Network " + PublicNetworkId);
    }

    /// <summary>Cyclades' ids are numbers (written as strings in most answers of the guide).</summary>
    public string NextId() => (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A MAC of Synnefo's aa:00:… form, one per port.</summary>
    public string NextMac()
    {
        var n = ++_nextMac;
        return $"aa:00:00:{(n >> 16) & 0xff:x2}:{(n >> 8) & 0xff:x2}:{n & 0xff:x2}";
    }

    /// <summary>The next free host address of a subnet (hosts .2 and up; .1 is the gateway), or null when none is left.</summary>
    public string? NextAddress(SimSubnet subnet)
    {
        var slash = subnet.Cidr.IndexOf('/');
        var network = subnet.Cidr[..slash];
        var prefix = network[..(network.LastIndexOf('.') + 1)];
        var taken = Ports.Values.SelectMany(p => p.FixedIps).Where(f => f.SubnetId == subnet.Id).Select(f => f.Address)
            .Concat(FloatingIps.Values.Where(f => f.NetworkId == subnet.NetworkId).Select(f => f.Address)).ToHashSet(StringComparer.Ordinal);
        for (var host = 2; host < 255; host++)
            if (!taken.Contains(prefix + host)) return prefix + host;
        return null;
    }

    /// <summary>What the user holds of Cyclades' network resources (for Astakos' quotas).</summary>
    public long PrivateNetworksOf(string user)
    {
        lock (Gate) return Networks.Values.Count(n => n.Owner == user);
    }

    public long FloatingIpsOf(string user)
    {
        lock (Gate) return FloatingIps.Values.Count(f => f.Owner == user);
    }

    /// <summary>True when nothing a user made is left: the tests' "the cloud holds nothing" check.</summary>
    public bool HoldsNothingOf(string user)
    {
        lock (Gate)
            return !Networks.Values.Any(n => n.Owner == user) && !Ports.Values.Any(p => p.Owner == user) && !FloatingIps.Values.Any(f => f.Owner == user);
    }
}

internal sealed record SimNetwork(string Id, string Name, string? Owner, string Type)
{
    public string Status { get; set; } = "ACTIVE";
    public bool FloatingIpPool { get; init; }
    public bool Public => Owner is null;
    public List<string> Subnets { get; init; } = [];
    public string Created { get; init; } = "2026-12-05T10:00:00.000000+00:00";
}

internal sealed record SimSubnet(string Id, string NetworkId, string? Owner, string Cidr, string? GatewayIp, bool EnableDhcp, int IpVersion, string Name);

internal sealed record SimPort(string Id, string NetworkId, string Owner, string DeviceId, string Name, string Mac, List<SimFixedIp> FixedIps)
{
    public string Status { get; set; } = "ACTIVE";
}

internal sealed record SimFixedIp(string SubnetId, string Address);

internal sealed record SimFloatingIp(string Id, string NetworkId, string Owner, string Address)
{
    public string? PortId { get; set; }
    public string? InstanceId { get; set; }
}
