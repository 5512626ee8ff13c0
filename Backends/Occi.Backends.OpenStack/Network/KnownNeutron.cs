using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Neutron's networks, subnets, ports and floating IPs as the gateway knows them (<see cref="KnownObjects{T}"/>, fed
/// by <see cref="NeutronChanges"/>): a <see cref="ReadFreshness.Known"/> read answers from what is fresh, anything else
/// asks Neutron and remembers. Subnets are not followed (a subnet's CIDR never changes): they age out and are read again.
/// </summary>
internal sealed class KnownNeutron(NeutronClient neutron, OpenStackOptions options, TimeProvider time)
{
    public KnownObjects<NeutronNetwork> Networks { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);
    public KnownObjects<NeutronSubnet> Subnets { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);
    public KnownObjects<NeutronPort> Ports { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);
    public KnownObjects<NeutronFloatingIp> FloatingIps { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);

    public ValueTask<NeutronNetwork?> NetworkAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        Networks.ReadAsync(id, freshness, (neutron, credential), static (s, id, c) => s.neutron.ShowNetworkAsync(s.credential, id, c), ct);

    public ValueTask<NeutronSubnet?> SubnetAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        Subnets.ReadAsync(id, freshness, (neutron, credential), static (s, id, c) => s.neutron.ShowSubnetAsync(s.credential, id, c), ct);

    public ValueTask<NeutronPort?> PortAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        Ports.ReadAsync(id, freshness, (neutron, credential), static (s, id, c) => s.neutron.ShowPortAsync(s.credential, id, c), ct);

    public ValueTask<NeutronFloatingIp?> FloatingIpAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        FloatingIps.ReadAsync(id, freshness, (neutron, credential), static (s, id, c) => s.neutron.ShowFloatingIpAsync(s.credential, id, c), ct);
}
