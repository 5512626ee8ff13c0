namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// The simulated cloud's networks, volumes and quotas (<see cref="CycladesNetwork"/>, <see cref="CycladesBlockStorage"/>,
/// <see cref="AstakosQuotas"/>): each service's state, and Astakos' usage counted from what Cyclades holds (servers
/// by their flavors, networks, floating IPs, volumes), the cyclades.vm limit being <see cref="ServerLimit"/>.
/// </summary>
internal sealed partial class SimulatedCloud
{
    private SimulatedNetworking? _networking;
    private SimulatedVolumes? _volumes;
    private SimulatedQuotas? _quotas;

    public SimulatedNetworking Networking => _networking ??= new SimulatedNetworking();
    public SimulatedVolumes Volumes => _volumes ??= new SimulatedVolumes();

    public SimulatedQuotas Quotas => _quotas ??= CountedQuotas();

    /// <summary>Cyclades/Network's own 503 switch and request count.</summary>
    public SimulatedService NetworkService { get; } = new();

    /// <summary>The block storage's own 503 switch and request count (its volume calls; attachments are Compute's).</summary>
    public SimulatedService VolumeService { get; } = new();

    /// <summary>True when <paramref name="serverId"/> is a server of the user that is not deleted.</summary>
    public bool OwnsServer(string user, string serverId) =>
        int.TryParse(serverId, out var id) && Servers.TryGetValue(id, out var server) && server.UserId == user && server.Status != "DELETED";

    private SimulatedQuotas CountedQuotas()
    {
        var quotas = new SimulatedQuotas();
        quotas.LimitWith("cyclades.vm", _ => ServerLimit);
        quotas.CountWith("cyclades.vm", user => LiveServersOf(user).Count());
        quotas.CountWith("cyclades.cpu", user => LiveServersOf(user).Sum(s => (long)Flavors[s.FlavorId].Vcpus));
        quotas.CountWith("cyclades.ram", user => LiveServersOf(user).Sum(s => Flavors[s.FlavorId].Ram * (1L << 20)));
        quotas.CountWith("cyclades.disk", user => LiveServersOf(user).Sum(s => Flavors[s.FlavorId].Disk * (1L << 30)));
        quotas.CountWith("cyclades.disk", Volumes.DiskBytesOf);
        quotas.CountWith("cyclades.network.private", Networking.PrivateNetworksOf);
        quotas.CountWith("cyclades.floating_ip", Networking.FloatingIpsOf);
        return quotas;
    }
}
