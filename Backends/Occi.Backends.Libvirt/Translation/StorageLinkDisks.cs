using System.Xml.Linq;
using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>storagelink ↔ a disk of the source's domain backed by the target's volume (GFD.184 §3.4.2); deviceid is the guest device (vdb…).</summary>
internal sealed class StorageLinkDisks(PoolChoice pools) : IKindTranslation
{
    public CategoryId Kind => StorageLink.Kind.Id;

    public Entity Create(LibvirtConnection connection, Entity entity)
    {
        var link = LinkEnds.AsLink(entity);
        using var domain = LinkEnds.SourceDomain(connection, link);
        using var pool = pools.OpenStorage(connection);
        using var volume = pool.FindVolume(link.TargetBackendId ?? EntityNames.StorageVolume(EntityNames.IdFromLocation(link.Target)))
            ?? throw OcciException.NotFound($"target {link.Target} of storagelink {link.Id} has no libvirt volume");
        var path = volume.Path;
        var disks = DomainXml.Disks(XDocument.Parse(domain.InactiveXml)).ToList();
        if (domain.IsActive) disks.AddRange(DomainXml.Disks(XDocument.Parse(domain.Xml)));
        if (disks.Any(d => d.Source == path))
            throw OcciException.Conflict($"storage {link.Target} is already attached to {link.Source}");

        var device = entity.Attributes.GetString(StorageLink.DeviceId);
        if (device is null)
            device = Enumerable.Range('b', 25).Select(c => "vd" + (char)c).FirstOrDefault(d => disks.All(x => x.Device != d))
                ?? throw OcciException.Conflict($"{link.Source} has no free virtio disk device left");
        else if (device.Length is < 3 or > 8 || !device.All(char.IsAsciiLetterLower))
            throw OcciException.BadRequest($"{StorageLink.DeviceId} '{device}' is not a guest disk device name such as vdb");
        else if (disks.Any(d => d.Device == device))
            throw OcciException.Conflict($"device {device} of {link.Source} is already in use");

        DeviceAttachment.Attach(connection, domain, DomainXml.Disk(new DiskSpec(path, VolumeXml.Format(volume.Xml), device)));
        entity.BackendId = $"{domain.Uuid:D}/{device}";
        entity.Attributes[StorageLink.DeviceId] = device;
        Read(domain, device, entity);
        return entity;
    }

    public bool Refresh(LibvirtConnection connection, Entity entity)
    {
        var (uuid, device) = LinkEnds.Parse(LinkEnds.AsLink(entity), entity.Attributes.GetString(StorageLink.DeviceId));
        using var domain = connection.FindDomain(uuid);
        return domain is not null && Read(domain, device, entity);
    }

    public Entity Update(LibvirtConnection connection, Entity entity) =>
        Refresh(connection, entity) ? entity : throw OcciException.NotFound($"storagelink {entity.Id}: the disk is no longer attached");

    public void Delete(LibvirtConnection connection, Entity entity)
    {
        var (uuid, device) = LinkEnds.Parse(LinkEnds.AsLink(entity), entity.Attributes.GetString(StorageLink.DeviceId));
        using var domain = connection.FindDomain(uuid);
        if (domain is null) return;
        DeviceAttachment.Detach(connection, domain, Matches(device));
    }

    public Entity Invoke(LibvirtConnection connection, Entity entity, ActionInvocation action) =>
        throw OcciException.BadRequest($"storagelink has no action {action.Action}");

    /// <summary>Disks of our domains backed by one of our storage volumes: "domain-uuid/device".</summary>
    public IReadOnlyList<string> Inventory(LibvirtConnection connection) =>
        LinkEnds.OurDomains(connection)
            .SelectMany(d => DomainXml.Disks(d.Definition)
                .Where(x => x.Source is { } s && Path.GetFileName(s) is var f && f.StartsWith(EntityNames.Prefix, StringComparison.Ordinal) && f.EndsWith(EntityNames.StorageSuffix, StringComparison.Ordinal))
                .Select(x => $"{d.Uuid:D}/{x.Device}"))
            .ToList();

    private static bool Read(LibvirtDomain domain, string device, Entity entity)
    {
        var state = DeviceAttachment.StateOf(domain, Matches(device), out _);
        if (state is null) return false;
        entity.Attributes[StorageLink.DeviceId] = device;
        entity.Attributes[StorageLink.State] = state;
        entity.Attributes[StorageLink.StateMessage] = state == "active"
            ? $"attached to the running domain as {device}"
            : $"attached to the domain definition as {device}; the guest sees it at its next boot";
        return true;
    }

    private static Func<XElement, bool> Matches(string device) =>
        e => e.Name == "disk" && (string?)e.Element("target")?.Attribute("dev") == device;
}
