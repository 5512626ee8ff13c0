using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// networkinterface (GFD.184 §3.4.1) on OpenStack, two ways by its target:
/// <list type="bullet">
/// <item>to a network of the gateway: a Neutron port named "occi-&lt;link id&gt;" on it (with the MAC and fixed
/// address asked for, and the compute's security groups), plugged into the server through Nova's os-interface;
/// its backend id is the port id; mac, address and state are the port's.</item>
/// <item>to a public network: a floating IP from that external network, associated with the server's first port
/// (described "occi-&lt;link id&gt;"); its backend id is "floatingip:&lt;id&gt;", its address the floating address.
/// Deleting the link releases the floating IP.</item>
/// </list>
/// </summary>
internal sealed class NetworkPorts(NeutronClient neutron, KnownNeutron known, NovaServerPorts nova, SecurityGroups groups) : IKindTranslator
{
    public const string FloatingIpPrefix = "floatingip:";

    public IReadOnlyList<Kind> Kinds => [NetworkInterface.Kind];

    /// <summary>The security group mixins (Neutron applies groups to ports).</summary>
    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) =>
        service is null ? [OpenStackNetworkMixins.SecurityGroup] : await groups.MixinsAsync(service, ct);

    public async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var link = LinkEnds.AsLink(entity);
        var server = LinkEnds.ServerOf(link);
        var target = LinkEnds.TargetOf(link, "network");
        if (target.StartsWith(NeutronNetworks.PublicPrefix, StringComparison.Ordinal))
            return await FloatingIpAsync(credential, link, server, target[NeutronNetworks.PublicPrefix.Length..], ct);

        var mac = entity.Attributes.GetString(NetworkInterface.Mac)?.ToLowerInvariant();
        var address = entity.Attributes.GetString(IpNetworkInterface.Address) is { } a ? a.Split('/')[0] : null;
        if (address is not null && !System.Net.IPAddress.TryParse(address, out _))
            throw OcciException.BadRequest($"{IpNetworkInterface.Address} '{address}' is not an IP address");
        var port = await neutron.CreatePortAsync(credential, new NewPort(target, NeutronNetworks.NamePrefix + link.Id, mac,
            address is null ? null : [new NewFixedIp(address)], await groups.ForNewPortAsync(credential, server, ct)), ct);
        try
        {
            await nova.AttachAsync(credential, server, port.Id, ct);
            await groups.SettleAsync(credential, server, ct);
        }
        catch
        {
            await Quietly(() => neutron.DeletePortAsync(credential, port.Id, CancellationToken.None));
            throw;
        }
        entity.BackendId = port.Id;
        ReadPort(await known.PortAsync(credential, port.Id, ReadFreshness.Live, ct) ?? port, address is null ? "dynamic" : "static", entity);
        return entity;
    }

    public async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (FloatingIdOf(entity) is { } floating)
        {
            if (await known.FloatingIpAsync(credential, floating, freshness, ct) is not { } ip) return false;
            var port = ip.PortId is { } portId ? await known.PortAsync(credential, portId, freshness, ct) : null;
            ReadFloatingIp(ip, port, entity);
            return true;
        }
        if (entity.BackendId is not { } id || await known.PortAsync(credential, id, freshness, ct) is not { } found) return false;
        ReadPort(found, entity.Attributes.GetString(IpNetworkInterface.Allocation), entity);
        return true;
    }

    /// <summary>Nothing of a port changes in place; the live attributes are read back.</summary>
    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct) =>
        await RefreshAsync(credential, entity, ReadFreshness.Live, ct) ? entity
        : throw OcciException.NotFound($"networkinterface {entity.Id}: its Neutron port or floating IP no longer exists");

    public async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (FloatingIdOf(entity) is { } floating)
        {
            await neutron.DeleteFloatingIpAsync(credential, floating, ct);
            known.FloatingIps.Forget(floating);
            return;
        }
        var port = entity.BackendId is { } id ? await neutron.ShowPortAsync(credential, id, ct) : null;
        if (port is null)
        {
            // An interrupted create is rolled back by the id the server gave: its port or floating IP is found by name.
            var name = Uri.EscapeDataString(NeutronNetworks.NamePrefix + entity.Id);
            port = (await neutron.ListPortsAsync(credential, "?name=" + name, ct)).FirstOrDefault();
            foreach (var ip in await neutron.ListFloatingIpsAsync(credential, "?description=" + name, ct))
                await neutron.DeleteFloatingIpAsync(credential, ip.Id, ct);
            if (port is null) return;
        }
        if (port.DeviceId is { Length: > 0 } server) await nova.DetachAsync(credential, server, port.Id, ct);
        await neutron.DeletePortAsync(credential, port.Id, ct);
        known.Ports.Forget(port.Id);
    }

    public Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct) =>
        throw OcciException.BadRequest($"networkinterface has no action {action.Action}");

    /// <summary>The gateway's ports by id and its floating IPs as "floatingip:id".</summary>
    public async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var port in await neutron.ListPortsAsync(service, "?fields=id&fields=name", ct))
            if (port.Name?.StartsWith(NeutronNetworks.NamePrefix, StringComparison.Ordinal) == true) yield return port.Id;
        foreach (var ip in await neutron.ListFloatingIpsAsync(service, "?fields=id&fields=description", ct))
            if (ip.Description?.StartsWith(NeutronNetworks.NamePrefix, StringComparison.Ordinal) == true) yield return FloatingIpPrefix + ip.Id;
    }

    private async Task<Entity> FloatingIpAsync(ICredential credential, Link link, string server, string external, CancellationToken ct)
    {
        var ports = await neutron.ListPortsAsync(credential, "?device_id=" + Uri.EscapeDataString(server), ct);
        var port = ports.FirstOrDefault(p => p.FixedIps is { Count: > 0 })
            ?? throw OcciException.Conflict($"compute {link.Source} has no network interface with an address to give a floating IP to; link it to a network first");
        NeutronFloatingIp ip;
        try
        {
            ip = await neutron.CreateFloatingIpAsync(credential, new NewFloatingIp(external, port.Id, NeutronNetworks.NamePrefix + link.Id), ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            // Neutron answers 404 when no router joins the port's subnet to the external network: the setup, not the request, is missing.
            throw OcciException.Conflict($"compute {link.Source} cannot have a floating IP: {e.Message}");
        }
        link.BackendId = FloatingIpPrefix + ip.Id;
        ReadFloatingIp(ip, port, link);
        return link;
    }

    private static string? FloatingIdOf(Entity entity) =>
        entity.BackendId is { } id && id.StartsWith(FloatingIpPrefix, StringComparison.Ordinal) ? id[FloatingIpPrefix.Length..] : null;

    private static void ReadPort(NeutronPort port, string? allocation, Entity entity)
    {
        if (port.MacAddress is { } mac) entity.Attributes[NetworkInterface.Mac] = mac;
        // The tap device Nova and Neutron name after the port: the host side of the guest's interface.
        entity.Attributes[NetworkInterface.Interface] = "tap" + port.Id[..Math.Min(11, port.Id.Length)];
        entity.Attributes[NetworkInterface.State] = NeutronStates.Link(port.Status);
        entity.Attributes[NetworkInterface.StateMessage] = NeutronStates.Message("port", port.Status);
        if (port.FixedIps?.FirstOrDefault()?.IpAddress is { } address) entity.Attributes[IpNetworkInterface.Address] = address;
        entity.Attributes[IpNetworkInterface.Allocation] = allocation ?? "dynamic";
    }

    private static void ReadFloatingIp(NeutronFloatingIp ip, NeutronPort? port, Entity entity)
    {
        if (port?.MacAddress is { } mac) entity.Attributes[NetworkInterface.Mac] = mac;
        if (port is not null) entity.Attributes[NetworkInterface.Interface] = "tap" + port.Id[..Math.Min(11, port.Id.Length)];
        entity.Attributes[NetworkInterface.State] = NeutronStates.Link(ip.Status);
        entity.Attributes[NetworkInterface.StateMessage] = ip.PortId is null
            ? "the floating IP is associated with no port"
            : NeutronStates.Message("floating IP", ip.Status) + $" ({ip.FloatingIpAddress} → {ip.PortId})";
        if (ip.FloatingIpAddress is { } address) entity.Attributes[IpNetworkInterface.Address] = address;
        entity.Attributes[IpNetworkInterface.Allocation] = "dynamic";
    }

    private static async Task Quietly(Func<Task> undo)
    {
        try { await undo(); }
        catch (OcciException) { } // the create's own failure is what the client must see; reconciliation finds the rest
    }
}
