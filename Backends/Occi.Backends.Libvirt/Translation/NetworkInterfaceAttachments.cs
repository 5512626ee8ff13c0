using System.Xml.Linq;
using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// networkinterface ↔ an &lt;interface type='network'&gt; of the source's domain on the target's network
/// (GFD.184 §3.4.1), keyed by its MAC; the address comes from the network's DHCP leases when known.
/// </summary>
internal sealed class NetworkInterfaceAttachments : IKindTranslation
{
    public CategoryId Kind => NetworkInterface.Kind.Id;

    public Entity Create(LibvirtConnection connection, Entity entity)
    {
        var link = LinkEnds.AsLink(entity);
        using var domain = LinkEnds.SourceDomain(connection, link);
        var targetId = EntityNames.IdFromLocation(link.Target);
        // A network the gateway made, or else a host network named as the target's id (e.g. /network/default).
        var networkName = link.TargetBackendId ?? EntityNames.Network(targetId);
        using (var network = connection.FindNetwork(networkName) ?? connection.FindNetwork(networkName = targetId))
            if (network is null) throw OcciException.NotFound($"target {link.Target} of networkinterface {link.Id} has no libvirt network");

        var mac = (entity.Attributes.GetString(NetworkInterface.Mac) ?? EntityNames.Mac(entity.Id)).ToLowerInvariant();
        if (DomainXml.Interfaces(XDocument.Parse(domain.InactiveXml)).Any(i => i.Mac == mac))
            throw OcciException.Conflict($"{link.Source} already has an interface with MAC {mac}");

        DeviceAttachment.Attach(connection, domain, DomainXml.Interface(networkName, mac));
        entity.BackendId = $"{domain.Uuid:D}/{mac}";
        Read(connection, domain, mac, entity);
        return entity;
    }

    public bool Refresh(LibvirtConnection connection, Entity entity)
    {
        var (uuid, mac) = LinkEnds.Parse(LinkEnds.AsLink(entity), entity.Attributes.GetString(NetworkInterface.Mac)?.ToLowerInvariant());
        using var domain = connection.FindDomain(uuid);
        return domain is not null && Read(connection, domain, mac, entity);
    }

    public Entity Update(LibvirtConnection connection, Entity entity) =>
        Refresh(connection, entity) ? entity : throw OcciException.NotFound($"networkinterface {entity.Id}: the interface is no longer attached");

    public void Delete(LibvirtConnection connection, Entity entity)
    {
        var (uuid, mac) = LinkEnds.Parse(LinkEnds.AsLink(entity), entity.Attributes.GetString(NetworkInterface.Mac)?.ToLowerInvariant());
        using var domain = connection.FindDomain(uuid);
        if (domain is null) return;
        DeviceAttachment.Detach(connection, domain, Matches(mac));
    }

    public Entity Invoke(LibvirtConnection connection, Entity entity, ActionInvocation action) =>
        throw OcciException.BadRequest($"networkinterface has no action {action.Action}");

    public IReadOnlyList<string> Inventory(LibvirtConnection connection) =>
        LinkEnds.OurDomains(connection)
            .SelectMany(d => DomainXml.Interfaces(d.Definition).Select(i => $"{d.Uuid:D}/{i.Mac}"))
            .ToList();

    private static bool Read(LibvirtConnection connection, LibvirtDomain domain, string mac, Entity entity)
    {
        var state = DeviceAttachment.StateOf(domain, Matches(mac), out var device);
        if (state is null || device is null) return false;
        entity.Attributes[NetworkInterface.Mac] = mac;
        entity.Attributes[NetworkInterface.State] = state;
        entity.Attributes[NetworkInterface.StateMessage] = state == "active"
            ? "plugged into the running domain"
            : "in the domain definition; the guest sees it at its next boot";
        var index = XDocument.Parse(domain.InactiveXml).Root!.Element("devices")!.Elements("interface").TakeWhile(i => !Matches(mac)(i)).Count();
        entity.Attributes[NetworkInterface.Interface] = (string?)device.Element("target")?.Attribute("dev") ?? $"eth{index}";
        if ((string?)device.Element("source")?.Attribute("network") is { } network && Lease(connection, network, mac) is { } address)
            entity.Attributes[IpNetworkInterface.Address] = address;
        return true;
    }

    /// <summary>The address dnsmasq leased to this MAC, when the driver keeps leases (the test driver does not).</summary>
    private static string? Lease(LibvirtConnection connection, string networkName, string mac)
    {
        using var network = connection.FindNetwork(networkName);
        if (network is null || !network.IsActive) return null;
        try
        {
            return network.DhcpLeases(mac).Select(l => $"{l.Address}/{l.Prefix}").FirstOrDefault();
        }
        catch (LibvirtException e) when (e.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationUnsupported)
        {
            return null;
        }
    }

    private static Func<XElement, bool> Matches(string mac) =>
        e => e.Name == "interface" && string.Equals((string?)e.Element("mac")?.Attribute("address"), mac, StringComparison.OrdinalIgnoreCase);
}
