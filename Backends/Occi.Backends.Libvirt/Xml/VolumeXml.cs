using System.Xml.Linq;

namespace Occi.Backends.Libvirt.Xml;

/// <summary>Storage volume XML (libvirt's formatstorage).</summary>
internal static class VolumeXml
{
    public static string Blank(string name, ulong capacityBytes, string format) =>
        new XElement("volume",
            new XElement("name", name),
            new XElement("capacity", new XAttribute("unit", "bytes"), capacityBytes),
            new XElement("target", new XElement("format", new XAttribute("type", format)))).ToString(SaveOptions.DisableFormatting);

    /// <summary>A qcow2 volume whose reads fall through to <paramref name="backingPath"/> until written: a copy-on-write clone.</summary>
    public static string CopyOnWrite(string name, ulong capacityBytes, string backingPath, string backingFormat) =>
        new XElement("volume",
            new XElement("name", name),
            new XElement("capacity", new XAttribute("unit", "bytes"), capacityBytes),
            new XElement("target", new XElement("format", new XAttribute("type", "qcow2"))),
            new XElement("backingStore",
                new XElement("path", backingPath),
                new XElement("format", new XAttribute("type", backingFormat)))).ToString(SaveOptions.DisableFormatting);

    /// <summary>A raw volume of exactly this size, for a file the gateway uploads (the cloud-init ISO).</summary>
    public static string Raw(string name, ulong capacityBytes) => Blank(name, capacityBytes, "raw");

    /// <summary>The volume's format (raw, qcow2, iso…); raw when the XML names none.</summary>
    public static string Format(string xml) =>
        (string?)XElement.Parse(xml).Element("target")?.Element("format")?.Attribute("type") ?? "raw";

    /// <summary>The file a copy-on-write volume reads through to (its backingStore path); null for a volume of its own.</summary>
    public static string? BackingPath(string xml) => (string?)XElement.Parse(xml).Element("backingStore")?.Element("path");
}
