using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.OpenStack.Network;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;
using OcciNetwork = Occi.Infrastructure.Kinds.Network;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// network ↔ Cyclades network (GFD.184 §3.2; network-api-guide, "Networks"), a private network of
/// Occi:Synnefo:NetworkType named "occi-&lt;id&gt;" (what marks it as the gateway's), with a subnet from the ipnetwork
/// mixin (§3.2.1: address as the CIDR, gateway, allocation dynamic = DHCP; the checks are the OpenStack backend's,
/// <see cref="NeutronNetworks.SubnetOf"/>). A network standing for a public network (a floating IP pool mixin, or the
/// id "public" as rOCCI-era clients link to /network/public) makes nothing in Cyclades: its backend id is
/// "public:&lt;network id&gt;" and deleting it leaves the public network alone. Differs from the OpenStack backend's
/// NeutronNetworks: no router is made (Cyclades has none: a server reaches the public network through a port on it),
/// no up or down (<see cref="CycladesNetworkKind"/>), and the subnet is never deleted on its own (Cyclades deletes it
/// with its network and has no subnet delete).
/// </summary>
internal sealed class CycladesNetworks(CycladesNetworkClient cyclades, FloatingIpPools pools, SynnefoNetworkOptions options) : ISynnefoTranslator
{
    public const string NamePrefix = "occi-";
    public const string PublicPrefix = "public:";

    public IReadOnlyList<Kind> Kinds => [CycladesNetworkKind.Kind];

    /// <summary>ipnetwork and ipnetworkinterface, and a floating IP pool mixin per public network.</summary>
    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct)
    {
        List<Mixin> mixins = [IpNetwork.Mixin, IpNetworkInterface.Mixin, OpenStackNetworkMixins.FloatingIpPool];
        if (service is not null)
            foreach (var pool in await pools.ListAsync(service, ct))
                mixins.Add(OpenStackNetworkMixins.Pool(OpenStackNetworkMixins.Term(pool.Name, pool.Id), pool.Name ?? pool.Id));
        return mixins;
    }

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        if (await PublicOfAsync(credential, entity, ct) is { } pool)
        {
            entity.BackendId = PublicPrefix + pool.Id;
            await ReadAsync(credential, pool, entity, ct);
            return entity;
        }
        var subnet = NeutronNetworks.SubnetOf(entity); // checked before anything is made: a bad address changes nothing
        var network = await cyclades.CreateNetworkAsync(credential, new NewCycladesNetwork(NamePrefix + entity.Id, options.NetworkType), ct);
        try
        {
            if (subnet is not null)
                await cyclades.CreateSubnetAsync(credential,
                    new NewCycladesSubnet(network.Id, subnet.Cidr, subnet.IpVersion, subnet.GatewayIp, subnet.EnableDhcp, NamePrefix + entity.Id), ct);
        }
        catch
        {
            await Rollback.QuietlyAsync(() => cyclades.DeleteNetworkAsync(credential, network.Id, CancellationToken.None)); // its subnet goes with it
            throw;
        }
        entity.BackendId = network.Id;
        await ReadAsync(credential, await cyclades.ShowNetworkAsync(credential, network.Id, ct) ?? network, entity, ct);
        return entity;
    }

    /// <summary>Every read asks Cyclades (the Synnefo backend keeps no read cache), whatever the freshness asked.</summary>
    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (CycladesIdOf(entity) is not { } id || await cyclades.ShowNetworkAsync(credential, id, ct) is not { } network) return false;
        await ReadAsync(credential, network, entity, ct);
        return true;
    }

    /// <summary>Nothing of a network changes in place through OCCI (Cyclades changes only its name); the live attributes are read back.</summary>
    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct) =>
        await RefreshAsync(credential, entity, ReadFreshness.Live, ct) ? entity
        : throw OcciException.NotFound($"network {entity.Id}: its Cyclades network no longer exists");

    /// <summary>Deletes the network with its subnet; Cyclades refuses (409) while a port or floating IP uses it.</summary>
    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (entity.BackendId?.StartsWith(PublicPrefix, StringComparison.Ordinal) == true) return; // the site's, not the gateway's
        var id = CycladesIdOf(entity);
        // An interrupted create is rolled back by the id the server gave: the network is found by its name.
        id ??= (await cyclades.ListNetworksAsync(credential, ct)).FirstOrDefault(n => n.Name == NamePrefix + entity.Id)?.Id;
        if (id is not null) await cyclades.DeleteNetworkAsync(credential, id, ct);
    }

    public Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct) =>
        throw OcciException.BadRequest($"network on Synnefo has no action {action.Action.Term}: Cyclades ignores a network's administrative state");

    /// <summary>The gateway's networks by id, and every floating IP pool as "public:id" (what a public network entity stands for).</summary>
    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var network in await cyclades.ListNetworksAsync(service, ct))
        {
            if (network.IsFloatingIpPool) yield return PublicPrefix + network.Id;
            else if (network.Name?.StartsWith(NamePrefix, StringComparison.Ordinal) == true) yield return network.Id;
        }
    }

    /// <summary>The Cyclades network id an entity's backend id names (a public network's after its prefix).</summary>
    public static string? CycladesIdOf(Entity entity) =>
        entity.BackendId is { } id && id.StartsWith(PublicPrefix, StringComparison.Ordinal) ? id[PublicPrefix.Length..] : entity.BackendId;

    private async Task<CycladesNetwork?> PublicOfAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var pool = entity.Mixins.FirstOrDefault(m => m.Scheme == OpenStackNetworkMixins.FloatingIpPoolScheme);
        if (pool != default) return await pools.ForTermAsync(credential, pool.Term, ct);
        if (entity.Id != OpenStackNetworkMixins.PublicNetworkId) return null;
        return await pools.DefaultAsync(credential, ct) ?? throw OcciException.Conflict(pools.NoDefault);
    }

    private async Task ReadAsync(ICredential credential, CycladesNetwork network, Entity entity, CancellationToken ct)
    {
        entity.Attributes[OcciNetwork.State] = CycladesNetworkStates.ToOcci(network.Status);
        entity.Attributes[OcciNetwork.StateMessage] = CycladesNetworkStates.Message("network", network.Status);
        if (!entity.Mixins.Contains(IpNetwork.Mixin.Id) || network.Subnets is not [var first, ..]) return;
        if (await cyclades.ShowSubnetAsync(credential, first, ct) is not { } subnet) return;
        if (subnet.Cidr is { } cidr) entity.Attributes[IpNetwork.Address] = cidr;
        if (subnet.GatewayIp is { } gateway) entity.Attributes[IpNetwork.Gateway] = gateway;
        entity.Attributes[IpNetwork.Allocation] = subnet.EnableDhcp == false ? "static" : "dynamic";
    }
}
