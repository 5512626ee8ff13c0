using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Infrastructure.States;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// network ↔ libvirt virtual network (GFD.184 §3.2): NAT by default, its IPv4 subnet from the ipnetwork
/// mixin (§3.2.1) or, when none is given, the first free 192.168.N.0/24. Dynamic allocation means DHCP.
/// </summary>
internal sealed class VirtualNetworks(LibvirtOptions options) : IKindTranslation
{
    public CategoryId Kind => Network.Kind.Id;

    public Entity Create(LibvirtConnection connection, Entity entity)
    {
        var name = EntityNames.Network(entity.Id);
        var network = connection.FindNetwork(name);
        if (network is null)
        {
            var subnet = SubnetOf(connection, entity);
            var dhcp = entity.Attributes.GetString(IpNetwork.Allocation) != "static";
            network = connection.DefineNetwork(NetworkXml.Build(name, EntityNames.DomainUuid(entity.Id), options.NetworkForwardMode, subnet, dhcp));
        }
        using (network)
        {
            try
            {
                if (!network.IsActive) network.Create();
            }
            catch (LibvirtException e) when (!e.IsTransient)
            {
                network.Undefine();
                throw;
            }
            entity.BackendId = name;
            Read(network, entity);
        }
        return entity;
    }

    public bool Refresh(LibvirtConnection connection, Entity entity)
    {
        using var network = connection.FindNetwork(NameOf(entity));
        if (network is null) return false;
        Read(network, entity);
        return true;
    }

    /// <summary>Nothing of a running network is changed in place; the live attributes are read back.</summary>
    public Entity Update(LibvirtConnection connection, Entity entity)
    {
        using var network = connection.FindNetwork(NameOf(entity)) ?? throw Gone(entity);
        Read(network, entity);
        return entity;
    }

    public void Delete(LibvirtConnection connection, Entity entity)
    {
        using var network = connection.FindNetwork(NameOf(entity));
        if (network is null) return;
        if (network.IsActive) network.Destroy();
        network.Undefine();
    }

    public Entity Invoke(LibvirtConnection connection, Entity entity, ActionInvocation action)
    {
        using var network = connection.FindNetwork(NameOf(entity)) ?? throw Gone(entity);
        var state = network.IsActive ? "active" : "inactive";
        if (StateMachines.Next(Kind, state, action.Action) is null)
            throw OcciException.Conflict($"action {action.Action.Term} is not allowed while network {entity.Id} is {state}");
        if (action.Action == Network.Up.Id) network.Create();
        else network.Destroy();
        Read(network, entity);
        return entity;
    }

    public IReadOnlyList<string> Inventory(LibvirtConnection connection)
    {
        var names = new List<string>();
        foreach (var network in connection.ListNetworks())
            using (network)
            {
                var name = System.Xml.Linq.XElement.Parse(network.Xml).Element("name")?.Value ?? "";
                if (name.StartsWith(EntityNames.Prefix, StringComparison.Ordinal)) names.Add(name);
            }
        return names;
    }

    private static void Read(LibvirtNetwork network, Entity entity)
    {
        entity.Attributes[Network.State] = network.IsActive ? "active" : "inactive";
        if (NetworkXml.Ipv4(network.Xml) is { } ip && entity.Mixins.Contains(IpNetwork.Mixin.Id))
        {
            entity.Attributes[IpNetwork.Address] = ip.Subnet.Cidr;
            entity.Attributes[IpNetwork.Gateway] = ip.Subnet.Gateway.ToString();
            entity.Attributes[IpNetwork.Allocation] = ip.Dhcp ? "dynamic" : "static";
        }
    }

    private static Ipv4Subnet SubnetOf(LibvirtConnection connection, Entity entity)
    {
        var used = new List<Ipv4Subnet>();
        foreach (var n in connection.ListNetworks())
            using (n)
                if (NetworkXml.Ipv4(n.Xml) is { } ip) used.Add(ip.Subnet);

        if (entity.Attributes.GetString(IpNetwork.Address) is { } address)
        {
            Ipv4Subnet subnet;
            try { subnet = Ipv4Subnet.Parse(address, entity.Attributes.GetString(IpNetwork.Gateway)); }
            catch (FormatException e) { throw OcciException.BadRequest($"{IpNetwork.Address}: {e.Message}"); }
            if (used.FirstOrDefault(subnet.Overlaps) is { } clash)
                throw OcciException.Conflict($"{subnet.Cidr} overlaps {clash.Cidr}, already used by a libvirt network");
            return subnet;
        }
        for (var third = 100; third < 255; third++)
        {
            var candidate = Ipv4Subnet.Parse($"192.168.{third}.0/24", null);
            if (!used.Any(candidate.Overlaps)) return candidate;
        }
        throw OcciException.Conflict("no free 192.168.N.0/24 subnet is left; give occi.network.address");
    }

    internal static string NameOf(Entity entity) => entity.BackendId ?? EntityNames.Network(entity.Id);

    private static OcciException Gone(Entity entity) => OcciException.NotFound($"network {entity.Id}: its libvirt network no longer exists");
}
