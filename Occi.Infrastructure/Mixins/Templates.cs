using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Mixins;

/// <summary>
/// GFD.184 §3.5: os_tpl and resource_tpl are the mixins every provider template depends on. A provider
/// offers, e.g., "ubuntu-24.04" (depends os_tpl) and "small" (depends resource_tpl).
/// </summary>
public static class Templates
{
    public static readonly Mixin OsTpl = new(InfrastructureSchemes.Infrastructure, "os_tpl", "OS Template", "/mixin/os_tpl/",
        applies: [Kinds.Compute.Kind.Id]);

    public static readonly Mixin ResourceTpl = new(InfrastructureSchemes.Infrastructure, "resource_tpl", "Resource Template", "/mixin/resource_tpl/",
        applies: [Kinds.Compute.Kind.Id]);

    /// <summary>Builds a provider's OS template mixin.</summary>
    public static Mixin OsTemplate(string scheme, string term, string title, string? location = null) =>
        new(scheme, term, title, location ?? $"/mixin/os_tpl/{term}/", depends: [OsTpl], applies: [Kinds.Compute.Kind.Id]);

    /// <summary>Builds a provider's resource template mixin; its attribute defaults are the flavour's size.</summary>
    public static Mixin ResourceTemplate(string scheme, string term, string title, long cores, double memoryGiB, string? location = null) =>
        new(scheme, term, title, location ?? $"/mixin/resource_tpl/{term}/", depends: [ResourceTpl], applies: [Kinds.Compute.Kind.Id],
            attributes:
            [
                new AttributeDefinition(Kinds.Compute.Cores, AttributeType.Integer, mutable: false, @default: cores),
                new AttributeDefinition(Kinds.Compute.Memory, AttributeType.Number, mutable: false, @default: memoryGiB),
            ]);
}
