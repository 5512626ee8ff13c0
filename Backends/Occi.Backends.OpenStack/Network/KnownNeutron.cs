using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Neutron's networks, subnets, ports and floating IPs as the gateway knows them (<see cref="KnownObjects{T}"/>): a
/// <see cref="ReadFreshness.Known"/> read answers from what is fresh, anything else asks Neutron and remembers.
/// Subnets are not followed (a subnet's CIDR never changes): they age out and are read again.
/// </summary>
internal sealed class KnownNeutron(NeutronClient neutron, OpenStackOptions options, TimeProvider time)
{
    public KnownObjects<NeutronNetwork> Networks { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);
    public KnownObjects<NeutronSubnet> Subnets { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);
    public KnownObjects<NeutronPort> Ports { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);
    public KnownObjects<NeutronFloatingIp> FloatingIps { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time);

    public Task<NeutronNetwork?> NetworkAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        ReadAsync(Networks, id, freshness, () => neutron.ShowNetworkAsync(credential, id, ct));

    public Task<NeutronSubnet?> SubnetAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        ReadAsync(Subnets, id, freshness, () => neutron.ShowSubnetAsync(credential, id, ct));

    public Task<NeutronPort?> PortAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        ReadAsync(Ports, id, freshness, () => neutron.ShowPortAsync(credential, id, ct));

    public Task<NeutronFloatingIp?> FloatingIpAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        ReadAsync(FloatingIps, id, freshness, () => neutron.ShowFloatingIpAsync(credential, id, ct));

    private static async Task<T?> ReadAsync<T>(KnownObjects<T> cache, string id, ReadFreshness freshness, Func<Task<T?>> show) where T : class
    {
        if (freshness == ReadFreshness.Known && cache.TryGetFresh(id, out var known)) return known;
        var value = await show();
        cache.Put(id, value, settled: true);
        return value;
    }
}
