using Occi.Core.Model;

namespace Occi.Infrastructure.Mixins;

/// <summary>
/// OCCI 1.2's infrastructure extension: the region a resource lives in is a mixin depending on the base mixin
/// <c>http://schemas.ogf.org/occi/infrastructure#region</c>. The gateway makes one per provider (issue 19), its term the
/// provider's name, in the scheme <see cref="Scheme"/>: a client adds it on create to choose the provider.
/// </summary>
public static class Regions
{
    /// <summary>The scheme of the gateway's region mixins: <c>…/infrastructure/region#site-a</c>.</summary>
    public const string Scheme = "http://schemas.ogf.org/occi/infrastructure/region#";

    /// <summary>The base mixin every region depends on; it applies to any kind.</summary>
    public static readonly Mixin Region = new(InfrastructureSchemes.Infrastructure, "region", "Region", "/mixin/region/");

    /// <summary>The region mixin of one provider, at <c>/mixin/region/{name}/</c>.</summary>
    public static Mixin Of(string provider) =>
        new(Scheme, provider, $"Region {provider}", $"/mixin/region/{provider}/", depends: [Region]);

    /// <summary>The provider a mixin id names when it is a region of the gateway's; null otherwise.</summary>
    public static string? ProviderOf(CategoryId mixin) => mixin.Scheme == Scheme ? mixin.Term : null;
}
