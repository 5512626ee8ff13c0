using System.Globalization;
using System.Xml.Linq;

namespace Occi.Backends.Libvirt.Xml;

/// <summary>
/// Domain XML (libvirt's formatdomain), written and read with System.Xml.Linq. Domains the gateway made
/// carry an &lt;occi:entity&gt; element in &lt;metadata&gt;: that tag is what inventory and delete trust.
/// </summary>
internal static class DomainXml
{
    public const string Namespace = "urn:occigateway:libvirt:1";
    private static readonly XNamespace Occi = Namespace;

    public static string Build(DomainSpec spec)
    {
        var devices = new XElement("devices");
        foreach (var disk in spec.Disks) devices.Add(Disk(disk));
        if (spec.Type != "test")
        {
            devices.Add(new XElement("serial", new XAttribute("type", "pty")));
            devices.Add(new XElement("console", new XAttribute("type", "pty")));
            devices.Add(new XElement("memballoon", new XAttribute("model", "virtio")));
        }

        var domain = new XElement("domain", new XAttribute("type", spec.Type),
            new XElement("name", spec.Name),
            new XElement("uuid", spec.Uuid.ToString("D")),
            spec.Title is null ? null : new XElement("title", spec.Title),
            new XElement("metadata", Metadata(spec)),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MemoryMiB),
            new XElement("vcpu", spec.Cores),
            new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), "hvm"), new XElement("boot", new XAttribute("dev", "hd"))),
            new XElement("features", new XElement("acpi"), new XElement("apic")),
            spec.Type == "kvm" && !string.IsNullOrEmpty(spec.CpuMode) ? new XElement("cpu", new XAttribute("mode", spec.CpuMode)) : null,
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            devices);
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Metadata(DomainSpec spec) =>
        new(Occi + "entity", new XAttribute(XNamespace.Xmlns + "occi", Namespace),
            new XAttribute("id", spec.OcciId), new XAttribute("kind", spec.Kind),
            spec.OwnedVolumes.Select(v => new XElement(Occi + "volume", new XAttribute("pool", v.Pool), new XAttribute("name", v.Name))));

    /// <summary>
    /// The volumes listed in our metadata element. virDomainGetMetadata returns the element stripped of its
    /// namespace, so children are matched by local name.
    /// </summary>
    public static IReadOnlyList<OwnedVolume> OwnedVolumes(string metadata) =>
        XElement.Parse(metadata).Elements().Where(e => e.Name.LocalName == "volume")
            .Select(e => new OwnedVolume((string?)e.Attribute("pool") ?? "", (string?)e.Attribute("name") ?? ""))
            .ToArray();

    /// <summary>The occi.core.id recorded in our metadata element.</summary>
    public static string? OcciId(string metadata) => (string?)XElement.Parse(metadata).Attribute("id");

    public static XElement Disk(DiskSpec disk) =>
        new("disk", new XAttribute("type", "file"), new XAttribute("device", disk.IsCdrom ? "cdrom" : "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", disk.Format)),
            new XElement("source", new XAttribute("file", disk.Path)),
            new XElement("target", new XAttribute("dev", disk.Device), new XAttribute("bus", disk.IsCdrom ? "sata" : "virtio")),
            disk.IsCdrom ? new XElement("readonly") : null);

    public static XElement Interface(string network, string mac) =>
        new("interface", new XAttribute("type", "network"),
            new XElement("mac", new XAttribute("address", mac)),
            new XElement("source", new XAttribute("network", network)),
            new XElement("model", new XAttribute("type", "virtio")));

    /// <summary>The disks of a definition: target device, source file and the element itself.</summary>
    public static IEnumerable<(string Device, string? Source, XElement Element)> Disks(XDocument domain) =>
        domain.Root!.Element("devices")?.Elements("disk")
            .Select(d => ((string?)d.Element("target")?.Attribute("dev") ?? "", (string?)d.Element("source")?.Attribute("file"), d))
        ?? [];

    /// <summary>The network interfaces of a definition: MAC, source network, host-side device (live only) and the element.</summary>
    public static IEnumerable<(string Mac, string? Network, string? Target, XElement Element)> Interfaces(XDocument domain) =>
        domain.Root!.Element("devices")?.Elements("interface")
            .Select(i => (((string?)i.Element("mac")?.Attribute("address") ?? "").ToLowerInvariant(),
                (string?)i.Element("source")?.Attribute("network"), (string?)i.Element("target")?.Attribute("dev"), i))
        ?? [];

    public static int Cores(XDocument domain) => (int?)domain.Root!.Element("vcpu") ?? 0;

    /// <summary>&lt;memory&gt; in MiB, whatever unit libvirt wrote it in (KiB by default).</summary>
    public static double MemoryMiB(XDocument domain)
    {
        var memory = domain.Root!.Element("memory");
        if (memory is null) return 0;
        var value = double.Parse(memory.Value, CultureInfo.InvariantCulture);
        return ((string?)memory.Attribute("unit") ?? "KiB") switch
        {
            "b" or "bytes" => value / (1 << 20),
            "KiB" or "k" => value / 1024,
            "MiB" or "M" => value,
            "GiB" or "G" => value * 1024,
            _ => value / 1024,
        };
    }

    /// <summary>A copy of the definition with new size and title (a redefinition: the next boot uses it).</summary>
    public static string Resized(string xml, int cores, long memoryMiB, string? title)
    {
        var domain = XDocument.Parse(xml);
        var root = domain.Root!;
        root.Element("vcpu")!.ReplaceNodes(cores);
        root.Element("vcpu")!.Attributes().Where(a => a.Name != "placement").Remove();
        root.Element("memory")!.ReplaceAll(new XAttribute("unit", "MiB"), memoryMiB);
        root.Element("currentMemory")?.ReplaceAll(new XAttribute("unit", "MiB"), memoryMiB);
        root.Element("title")?.Remove();
        if (title is not null) root.Element("uuid")!.AddAfterSelf(new XElement("title", title));
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A copy of the definition with one more device.</summary>
    public static string WithDevice(string xml, XElement device)
    {
        var domain = XDocument.Parse(xml);
        var devices = domain.Root!.Element("devices") ?? new XElement("devices");
        if (devices.Parent is null) domain.Root.Add(devices);
        devices.Add(device);
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A copy of the definition without the devices <paramref name="match"/> selects.</summary>
    public static string WithoutDevices(string xml, Func<XElement, bool> match)
    {
        var domain = XDocument.Parse(xml);
        domain.Root!.Element("devices")?.Elements().Where(match).ToList().ForEach(e => e.Remove());
        return domain.ToString(SaveOptions.DisableFormatting);
    }
}
