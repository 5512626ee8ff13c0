using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// An appliance as an os_tpl mixin (GFD.184 §3.5), in the scheme the backend boots registered images under: the
/// appliance's title (rOCCI-cli splits text/occi values on every comma, so none is left), and the AppDB identity as
/// immutable attributes with the appliance's values as defaults, the names EGI's OCCI servers used.
/// </summary>
internal static class ApplianceMixins
{
    public const string Prefix = "eu.egi.fedcloud.appliance.appdb.";

    /// <summary>Present and true on an appliance the core removed while a compute still used its image.</summary>
    public const string Deprecated = "eu.egi.fedcloud.appliance.deprecated";

    /// <summary>A stable os_tpl term for an AppDB identifier (a UUID): GFD.185 §3.1 wants a letter first, then [a-z0-9_-].</summary>
    public static string TermOf(string identifier)
    {
        var chars = identifier.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' ? c : '_');
        return "uuid_" + string.Concat(chars);
    }

    public static Mixin Of(ApplianceRecord a, string scheme, IReadOnlySet<string>? tenants)
    {
        var title = (a.Title.Length > 0 ? a.Title : a.Identifier).Replace(',', ' ');
        var attributes = new List<AttributeDefinition>
        {
            Fixed(Prefix + "id", a.Identifier),
            Fixed(Prefix + "mpuri", a.Mpuri),
            Fixed(Prefix + "base_mpuri", a.BaseMpuri),
            Fixed(Prefix + "version", a.Version),
            Fixed(Prefix + "operating_system", a.OperatingSystem),
            Fixed(Prefix + "image_list.id", a.ImageListIdentifier),
            Fixed(Prefix + "appid", a.Appid),
            Fixed(Prefix + "vo", a.Vo),
        };
        if (a.Deprecated)
            attributes.Add(new AttributeDefinition(Deprecated, AttributeType.Boolean, mutable: false, @default: true,
                description: "removed from its image list; kept while a compute uses its image"));
        return new Mixin(scheme, a.Term, title, $"/mixin/os_tpl/{a.Term}/", depends: [Templates.OsTpl], applies: [Compute.Kind.Id], attributes: attributes)
        {
            Tenants = tenants,
        };
    }

    private static AttributeDefinition Fixed(string name, string value) =>
        new(name, AttributeType.String, mutable: false, @default: value);
}
