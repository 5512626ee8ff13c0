using System.Xml.Linq;
using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// Hot-plugs a device into a domain and its persistent definition. Drivers without hot-plug (the test
/// driver, some remote hosts) get the device through a redefinition: the guest sees it at its next boot.
/// </summary>
internal static class DeviceAttachment
{
    public static void Attach(LibvirtConnection connection, LibvirtDomain domain, XElement device)
    {
        var scope = domain.IsActive ? DeviceScope.Live | DeviceScope.Config : DeviceScope.Config;
        try
        {
            domain.AttachDevice(device.ToString(SaveOptions.DisableFormatting), scope);
        }
        catch (LibvirtException e) when (e.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationUnsupported)
        {
            connection.DefineDomain(DomainXml.WithDevice(domain.InactiveXml, device)).Dispose();
        }
    }

    /// <summary>Removes the devices <paramref name="match"/> selects from the running guest and from the definition.</summary>
    public static void Detach(LibvirtConnection connection, LibvirtDomain domain, Func<XElement, bool> match)
    {
        var inactiveXml = domain.InactiveXml;
        var inConfig = XDocument.Parse(inactiveXml).Root!.Element("devices")?.Elements().FirstOrDefault(match);
        var inLive = domain.IsActive ? XDocument.Parse(domain.Xml).Root!.Element("devices")?.Elements().FirstOrDefault(match) : null;
        var device = inLive ?? inConfig;
        if (device is null) return;
        var scope = (inLive is null ? 0 : DeviceScope.Live) | (inConfig is null ? 0 : DeviceScope.Config);
        try
        {
            domain.DetachDevice(device.ToString(SaveOptions.DisableFormatting), scope);
        }
        catch (LibvirtException e) when (e.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationUnsupported)
        {
            if (inConfig is not null) connection.DefineDomain(DomainXml.WithoutDevices(inactiveXml, match)).Dispose();
        }
    }

    /// <summary>Where a device is: in the running guest ("active"), only in the definition ("inactive"), or nowhere (null).</summary>
    public static string? StateOf(LibvirtDomain domain, Func<XElement, bool> match, out XElement? device)
    {
        device = null;
        if (domain.IsActive)
        {
            device = XDocument.Parse(domain.Xml).Root!.Element("devices")?.Elements().FirstOrDefault(match);
            if (device is not null) return "active";
        }
        device = XDocument.Parse(domain.InactiveXml).Root!.Element("devices")?.Elements().FirstOrDefault(match);
        return device is null ? null : "inactive";
    }
}
