using Microsoft.Extensions.Options;
using Occi.Server.Auth.Keystone;

namespace Occi.Server.Auth.Identity;

/// <summary>Puts the built-in Keystone at Occi:Auth:Keystone:BuiltIn when the Keystone scheme is on and that path is set.</summary>
internal static class IdentityEndpoints
{
    public static void MapBuiltInKeystone(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<EnabledAuthSchemes>().Names.Contains(AuthSchemeNames.Keystone)) return;
        var path = app.ServiceProvider.GetRequiredService<IOptions<KeystoneAuthOptions>>().Value.BuiltIn;
        if (path.Length == 0) return;
        var keystone = ActivatorUtilities.CreateInstance<BuiltInKeystone>(app.ServiceProvider);
        app.Map(path + "{**rest}", (HttpContext http, string? rest) => keystone.HandleAsync(http, rest));
    }
}
