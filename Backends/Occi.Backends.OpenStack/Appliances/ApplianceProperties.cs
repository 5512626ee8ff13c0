using System.Globalization;
using Occi.Backends.OpenStack.Templates;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// The Glance image properties of an appliance, named as cloudkeeper-os names them (its released line:
/// <c>APPLIANCE_ID</c> for the identifier, <c>APPLIANCE_IMAGE_LIST_ID</c> for the image list, <c>APPLIANCE_&lt;FIELD&gt;</c>
/// for every other field the core set, integers as text, and <c>vmcatcher_event_ad_mpuri</c>, which the EGI
/// cloud-info-provider reads), so that tools written for cloudkeeper-os's images read the gateway's alike; and the
/// gateway's own marks: <c>occi_gateway</c> (Occi:OpenStack:GatewayTag), the os_tpl term, and a sequence number per
/// term that orders an appliance's images (the newest is the one new computes boot).
/// </summary>
internal static class ApplianceProperties
{
    public const string Prefix = "APPLIANCE_";
    public const string Identifier = "APPLIANCE_ID";
    public const string ImageList = "APPLIANCE_IMAGE_LIST_ID";
    public const string MarketplaceUri = "vmcatcher_event_ad_mpuri";
    public const string Term = TemplateCatalog.ApplianceTermProperty;
    public const string Sequence = "occi_appliance_sequence";

    /// <summary>Every property the gateway sets on an appliance's image.</summary>
    public static Dictionary<string, string> Of(ApplianceMetadata a, string gatewayTag, int sequence)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [GatewayMetadata.GatewayKey] = gatewayTag,
            [Term] = a.Term,
            [Sequence] = sequence.ToString(CultureInfo.InvariantCulture),
        };
        void Set(string key, string value)
        {
            if (value.Length > 0) p[key] = value; // cloudkeeper-os writes the fields the core set, no empty ones
        }
        Set(Identifier, a.Identifier);
        Set(ImageList, a.ImageListIdentifier);
        Set(Prefix + "TITLE", a.Title);
        Set(Prefix + "DESCRIPTION", a.Description);
        Set(Prefix + "MPURI", a.Mpuri);
        Set(Prefix + "GROUP", a.Group);
        Set(Prefix + "RAM", a.Ram == 0 ? "" : a.Ram.ToString(CultureInfo.InvariantCulture));
        Set(Prefix + "CORE", a.Core == 0 ? "" : a.Core.ToString(CultureInfo.InvariantCulture));
        Set(Prefix + "VERSION", a.Version);
        Set(Prefix + "ARCHITECTURE", a.Architecture);
        Set(Prefix + "OPERATING_SYSTEM", a.OperatingSystem);
        Set(Prefix + "VO", a.Vo);
        Set(Prefix + "EXPIRATION_DATE", a.ExpirationDate == 0 ? "" : a.ExpirationDate.ToString(CultureInfo.InvariantCulture));
        Set(Prefix + "BASE_MPURI", a.BaseMpuri);
        Set(Prefix + "APPID", a.Appid);
        Set(Prefix + "DIGEST", a.Digest);
        Set(MarketplaceUri, a.Mpuri);
        return p;
    }

    /// <summary>A property a metadata update rewrites (and removes when the field became empty); the gateway's marks stay.</summary>
    public static bool IsMetadata(string key) => key.StartsWith(Prefix, StringComparison.Ordinal) || key == MarketplaceUri;

    /// <summary>The image's name: the appliance's title (Glance takes 255 characters), else its identifier.</summary>
    public static string NameOf(ApplianceMetadata a)
    {
        var name = a.Title.Length > 0 ? a.Title : a.Identifier;
        return name.Length <= 255 ? name : name[..255];
    }
}
