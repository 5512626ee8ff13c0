using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// networkinterface (GFD.184 §3.4.1) on Cyclades, two ways by its target (network-api-guide, "Create port", "Create
/// floating ip"):
/// <list type="bullet">
/// <item>to a private network of the gateway: a port named "occi-&lt;link id&gt;" on it, made with the server's id as
/// device_id (Cyclades connects the server itself; the OpenStack backend makes a port and plugs it through Nova's
/// os-interface instead); its backend id is the port id; mac, address and state are the port's. Cyclades picks the
/// address and the MAC (it ignores mac_address, and takes fixed_ips only for floating IPs), so a link asking for
/// either is refused before anything is made.</item>
/// <item>to a public network: a floating IP reserved from that pool, then a port on the pool with the server as device
/// and the floating address as its fixed IP (Cyclades takes no port_id on a floating IP: the port names the address);
/// its backend id is "floatingip:&lt;id&gt;", its address the floating one. Deleting the link deletes the port and
/// releases the floating IP, in that order.</item>
/// </list>
/// </summary>
internal sealed class NetworkInterfaces(CycladesNetworkClient cyclades) : LinkTranslator
{
    public const string FloatingIpPrefix = "floatingip:";

    public override IReadOnlyList<Kind> Kinds => [NetworkInterface.Kind];

    protected override string Gone => "its Cyclades port or floating IP no longer exists";

    public override async Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct)
    {
        var (link, server, target) = Ends(entity, "network");
        if (target.StartsWith(CycladesNetworks.PublicPrefix, StringComparison.Ordinal))
            return await FloatingIpAsync(credential, link, server, target[CycladesNetworks.PublicPrefix.Length..], ct);

        if (entity.Attributes.GetString(IpNetworkInterface.Address) is { } address)
            throw OcciException.BadRequest($"{IpNetworkInterface.Address} '{address}' cannot be chosen on Synnefo: Cyclades gives a private network's port an address of its own; leave it out");
        if (entity.Attributes.GetString(NetworkInterface.Mac) is { } mac)
            throw OcciException.BadRequest($"{NetworkInterface.Mac} '{mac}' cannot be chosen on Synnefo: Cyclades gives every port a MAC of its own; leave it out");
        var port = await cyclades.CreatePortAsync(credential, new NewCycladesPort(target, server, CycladesNetworks.NamePrefix + link.Id, null), ct);
        entity.BackendId = port.Id;
        ReadPort(port, entity);
        return entity;
    }

    /// <summary>Every read asks Cyclades, whatever the freshness asked.</summary>
    public override async Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct)
    {
        if (FloatingIdOf(entity) is { } floating)
        {
            if (await cyclades.ShowFloatingIpAsync(credential, floating, ct) is not { } ip) return false;
            ReadFloatingIp(ip, ip.PortId is { } portId ? await cyclades.ShowPortAsync(credential, portId, ct) : null, entity);
            return true;
        }
        if (entity.BackendId is not { } id || await cyclades.ShowPortAsync(credential, id, ct) is not { } port) return false;
        ReadPort(port, entity);
        return true;
    }

    public override async Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        if (FloatingIdOf(entity) is { } floating)
        {
            if (await cyclades.ShowFloatingIpAsync(credential, floating, ct) is { PortId: { } portId }) await cyclades.DeletePortAsync(credential, portId, ct);
            await cyclades.DeleteFloatingIpAsync(credential, floating, ct);
            return;
        }
        if (entity.BackendId is { } id)
        {
            await cyclades.DeletePortAsync(credential, id, ct);
            return;
        }
        // An interrupted create is rolled back by the id the server gave: its port is found by name, with the floating IP it used.
        var name = CycladesNetworks.NamePrefix + entity.Id;
        var ports = (await cyclades.ListPortsAsync(credential, ct)).Where(p => p.Name == name).ToList();
        if (ports.Count == 0) return;
        var floatingIps = await cyclades.ListFloatingIpsAsync(credential, ct);
        foreach (var port in ports)
        {
            await cyclades.DeletePortAsync(credential, port.Id, ct);
            foreach (var ip in floatingIps.Where(f => f.PortId == port.Id)) await cyclades.DeleteFloatingIpAsync(credential, ip.Id, ct);
        }
    }

    /// <summary>The gateway's ports by id, and "floatingip:id" for those that use a floating IP.</summary>
    public override async IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var ports = (await cyclades.ListPortsAsync(service, ct)).Where(p => p.Name?.StartsWith(CycladesNetworks.NamePrefix, StringComparison.Ordinal) == true).ToList();
        if (ports.Count == 0) yield break;
        var floatingByPort = (await cyclades.ListFloatingIpsAsync(service, ct)).Where(f => f.PortId is not null).ToDictionary(f => f.PortId!, f => f.Id, StringComparer.Ordinal);
        foreach (var port in ports)
            yield return floatingByPort.TryGetValue(port.Id, out var floating) ? FloatingIpPrefix + floating : port.Id;
    }

    private async Task<Entity> FloatingIpAsync(ICredential credential, Link link, string server, string pool, CancellationToken ct)
    {
        // Over the cyclades.floating_ip quota Cyclades answers 413, which the request path turns into 409 with its message naming the resource.
        var ip = await cyclades.CreateFloatingIpAsync(credential, new NewCycladesFloatingIp(pool), ct);
        CycladesPort port;
        try
        {
            var address = ip.FloatingIpAddress ?? throw new OcciException(OcciErrorKind.BackendFailure, $"Cyclades reserved floating IP {ip.Id} without saying its address");
            port = await cyclades.CreatePortAsync(credential, new NewCycladesPort(pool, server, CycladesNetworks.NamePrefix + link.Id, [new NewCycladesFixedIp(address)]), ct);
        }
        catch
        {
            await Rollback.QuietlyAsync(() => cyclades.DeleteFloatingIpAsync(credential, ip.Id, CancellationToken.None)); // no address stays reserved for nothing
            throw;
        }
        link.BackendId = FloatingIpPrefix + ip.Id;
        ReadFloatingIp(ip with { PortId = port.Id, InstanceId = server }, port, link);
        return link;
    }

    private static string? FloatingIdOf(Entity entity) =>
        entity.BackendId is { } id && id.StartsWith(FloatingIpPrefix, StringComparison.Ordinal) ? id[FloatingIpPrefix.Length..] : null;

    private static void ReadPort(CycladesPort port, Entity entity)
    {
        if (port.MacAddress is { } mac) entity.Attributes[NetworkInterface.Mac] = mac;
        entity.Attributes[NetworkInterface.State] = CycladesNetworkStates.ToOcci(port.Status);
        entity.Attributes[NetworkInterface.StateMessage] = CycladesNetworkStates.Message("port", port.Status);
        if (port.FixedIps?.FirstOrDefault()?.IpAddress is { } address) entity.Attributes[IpNetworkInterface.Address] = address;
        entity.Attributes[IpNetworkInterface.Allocation] = "dynamic";
    }

    private static void ReadFloatingIp(CycladesFloatingIp ip, CycladesPort? port, Entity entity)
    {
        if (port?.MacAddress is { } mac) entity.Attributes[NetworkInterface.Mac] = mac;
        entity.Attributes[NetworkInterface.State] = port is null ? "inactive" : CycladesNetworkStates.ToOcci(port.Status);
        entity.Attributes[NetworkInterface.StateMessage] = port is null
            ? $"the floating IP {ip.FloatingIpAddress} is used by no port"
            : CycladesNetworkStates.Message("port", port.Status) + $" ({ip.FloatingIpAddress} → server {ip.InstanceId ?? port.DeviceId})";
        if (ip.FloatingIpAddress is { } address) entity.Attributes[IpNetworkInterface.Address] = address;
        entity.Attributes[IpNetworkInterface.Allocation] = "dynamic";
    }
}
