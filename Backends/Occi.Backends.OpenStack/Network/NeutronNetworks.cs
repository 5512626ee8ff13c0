using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;
using OcciNetwork = Occi.Infrastructure.Kinds.Network;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// network ↔ Neutron network (GFD.184 §3.2), named "occi-&lt;id&gt;" (what marks it as the gateway's), with a
/// subnet from the ipnetwork mixin (§3.2.1: address as the CIDR, gateway, allocation dynamic = DHCP) and, when
/// Occi:OpenStack:RouteNetworks is on and there is a public network, a router from that subnet to it (so its ports
/// can be given floating IPs). A network standing for a public network (a floating IP pool mixin, or the id
/// "public") makes nothing in Neutron: its backend id is "public:&lt;external network id&gt;", and deleting it
/// leaves the external network alone. up and down set the network's admin_state_up.
/// </summary>
internal sealed class NeutronNetworks(NeutronClient neutron, KnownNeutron known, PublicNetworks publics, OpenStackNetworkOptions options) : IKindTranslator
{
    public const string NamePrefix = "occi-";
    public const string PublicPrefix = "public:";

    public IReadOnlyList<Kind> Kinds => [OcciNetwork.Kind];

    /// <summary>ipnetwork and ipnetworkinterface, and a floating IP pool mixin per external network.</summary>
    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct)
    {
        List<Mixin> mixins = [IpNetwork.Mixin, IpNetworkInterface.Mixin, OpenStackNetworkMixins.FloatingIpPool];
        if (service is not null)
            foreach (var external in await publics.ListAsync(service, ct))
                mixins.Add(OpenStackNetworkMixins.Pool(OpenStackNetworkMixins.Term(external.Name, external.Id), external.Name ?? external.Id));
        return mixins;
    }

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        if (await PublicOfAsync(credential, entity, ct) is { } external)
        {
            entity.BackendId = PublicPrefix + external.Id;
            await ReadAsync(credential, external, entity, ReadFreshness.Known, ct);
            return entity;
        }
        var subnet = SubnetOf(entity);
        var network = await neutron.CreateNetworkAsync(credential, new NewNetwork(NamePrefix + entity.Id, AdminStateUp: true, Bounded(entity.Title)), ct);
        string? router = null, made = null;
        try
        {
            if (subnet is not null)
            {
                made = (await neutron.CreateSubnetAsync(credential, subnet with { NetworkId = network.Id, Name = NamePrefix + entity.Id }, ct)).Id;
                if (options.RouteNetworks && await publics.DefaultAsync(credential, ct) is { } gateway)
                {
                    router = await neutron.CreateRouterAsync(credential, new NewRouter(NamePrefix + entity.Id, new ExternalGateway(gateway.Id)), ct);
                    await neutron.AddRouterInterfaceAsync(credential, router, made, ct);
                }
            }
        }
        catch
        {
            // Nothing half-made stays behind: the router first (it holds a port on the subnet), then the network with its subnet.
            if (router is not null) await Quietly(() => DeleteRouterAsync(credential, router, made is null ? [] : [made], CancellationToken.None));
            await Quietly(() => neutron.DeleteNetworkAsync(credential, network.Id, CancellationToken.None));
            throw;
        }
        entity.BackendId = network.Id;
        await ReadAsync(credential, await known.NetworkAsync(credential, network.Id, ReadFreshness.Live, ct) ?? network, entity, ReadFreshness.Live, ct);
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (NeutronIdOf(entity) is not { } id || await known.NetworkAsync(credential, id, freshness, ct) is not { } network) return false;
        await ReadAsync(credential, network, entity, freshness, ct);
        return true;
    }

    /// <summary>Nothing of a network is changed in place (Neutron keeps a subnet's CIDR); the live attributes are read back.</summary>
    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct) =>
        await RefreshAsync(credential, entity, ReadFreshness.Live, ct) ? entity
        : throw OcciException.NotFound($"network {entity.Id}: its Neutron network no longer exists");

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (entity.BackendId?.StartsWith(PublicPrefix, StringComparison.Ordinal) == true) return; // the cloud's, not the gateway's
        var network = NeutronIdOf(entity) is { } id ? await neutron.ShowNetworkAsync(credential, id, ct) : null;
        // An interrupted create is rolled back by the id the server gave: the network is found by its name.
        network ??= (await neutron.ListNetworksAsync(credential, "?name=" + Uri.EscapeDataString(NamePrefix + entity.Id), ct)).FirstOrDefault();
        if (network is null) return;
        foreach (var router in await neutron.ListRoutersAsync(credential, "?name=" + Uri.EscapeDataString(NamePrefix + entity.Id), ct))
            await DeleteRouterAsync(credential, router.Id, network.Subnets ?? [], ct);
        await neutron.DeleteNetworkAsync(credential, network.Id, ct);
        known.Networks.Forget(network.Id);
    }

    public async Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct)
    {
        if (action.Action != OcciNetwork.Up.Id && action.Action != OcciNetwork.Down.Id)
            throw OcciException.BadRequest($"network has no action {action.Action}");
        if (entity.BackendId?.StartsWith(PublicPrefix, StringComparison.Ordinal) != false)
            throw OcciException.Conflict($"network {entity.Id} stands for the cloud's public network: the gateway does not switch it up or down");
        await neutron.SetNetworkAdminStateAsync(credential, entity.BackendId, action.Action == OcciNetwork.Up.Id, ct);
        return await RefreshAsync(credential, entity, ReadFreshness.Live, ct) ? entity
            : throw OcciException.NotFound($"network {entity.Id}: its Neutron network no longer exists");
    }

    /// <summary>The gateway's networks by id, and every external network as "public:id" (what a public network entity stands for).</summary>
    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var network in await neutron.ListNetworksAsync(service, "?fields=id&fields=name&fields=router%3Aexternal", ct))
        {
            if (network.RouterExternal == true) yield return PublicPrefix + network.Id;
            else if (network.Name?.StartsWith(NamePrefix, StringComparison.Ordinal) == true) yield return network.Id;
        }
    }

    /// <summary>The Neutron network id an entity's backend id names (a public network's after its prefix).</summary>
    public static string? NeutronIdOf(Entity entity) =>
        entity.BackendId is { } id && id.StartsWith(PublicPrefix, StringComparison.Ordinal) ? id[PublicPrefix.Length..] : entity.BackendId;

    private async Task<NeutronNetwork?> PublicOfAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var pool = entity.Mixins.FirstOrDefault(m => m.Scheme == OpenStackNetworkMixins.FloatingIpPoolScheme);
        if (pool != default) return await publics.ForPoolAsync(credential, pool.Term, ct);
        if (entity.Id != OpenStackNetworkMixins.PublicNetworkId) return null;
        return await publics.DefaultAsync(credential, ct) ?? throw OcciException.Conflict(publics.NoDefault);
    }

    private async Task ReadAsync(ICredential credential, NeutronNetwork network, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        entity.Attributes[OcciNetwork.State] = NeutronStates.Network(network);
        entity.Attributes[OcciNetwork.StateMessage] = NeutronStates.Message("network", network.Status, network.AdminStateUp);
        if (!entity.Mixins.Contains(IpNetwork.Mixin.Id) || network.Subnets is not [var first, ..]) return;
        if (await known.SubnetAsync(credential, first, freshness, ct) is not { } subnet) return;
        if (subnet.Cidr is { } cidr) entity.Attributes[IpNetwork.Address] = cidr;
        if (subnet.GatewayIp is { } gateway) entity.Attributes[IpNetwork.Gateway] = gateway;
        entity.Attributes[IpNetwork.Allocation] = subnet.EnableDhcp == false ? "static" : "dynamic";
    }

    /// <summary>The subnet the ipnetwork attributes ask for; null without an address (an L2 network).</summary>
    internal static NewSubnet? SubnetOf(Entity entity)
    {
        if (entity.Attributes.GetString(IpNetwork.Address) is not { } address) return null;
        var slash = address.IndexOf('/');
        if (slash <= 0 || !IPAddress.TryParse(address.AsSpan(0, slash), out var ip) || !int.TryParse(address.AsSpan(slash + 1), out var prefix)
            || prefix < 1 || prefix > (ip.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32))
            throw OcciException.BadRequest($"{IpNetwork.Address} '{address}' is not an IP network in CIDR notation such as 192.168.0.0/24");
        var gateway = entity.Attributes.GetString(IpNetwork.Gateway);
        if (gateway is not null && (!IPAddress.TryParse(gateway, out var g) || g.AddressFamily != ip.AddressFamily))
            throw OcciException.BadRequest($"{IpNetwork.Gateway} '{gateway}' is not an IP address of the network's family");
        var dhcp = entity.Attributes.GetString(IpNetwork.Allocation) != "static";
        return new NewSubnet("", ip.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4, address, gateway, dhcp, "");
    }

    private async Task DeleteRouterAsync(ICredential credential, string router, IReadOnlyList<string> subnets, CancellationToken ct)
    {
        foreach (var subnet in subnets) await neutron.RemoveRouterInterfaceAsync(credential, router, subnet, ct);
        await neutron.DeleteRouterAsync(credential, router, ct);
    }

    private static string? Bounded(string? title) => title is { Length: > 0 and <= 255 } ? title : null;

    private static async Task Quietly(Func<Task> undo)
    {
        try { await undo(); }
        catch (OcciException) { } // the create's own failure is what the client must see; reconciliation finds the rest
    }
}
