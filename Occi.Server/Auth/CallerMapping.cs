using System.Security.Claims;
using Occi.Core.BackendContracts;

namespace Occi.Server.Auth;

/// <summary>
/// The one place an authenticated principal becomes the request's <see cref="Caller"/>: its name, the tenant it
/// acts in, its roles and the credentials a backend may forward. Null when the identity maps to no tenant.
/// </summary>
internal sealed class CallerMapping
{
    public Caller? Map(ClaimsPrincipal principal)
    {
        var name = principal.FindFirstValue(OcciClaims.Name);
        var tenant = principal.FindFirstValue(OcciClaims.Tenant);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(tenant)) return null;
        var roles = principal.FindAll(OcciClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
        return new Caller(name, tenant, roles) { Token = principal.FindFirstValue(OcciClaims.BackendToken) };
    }
}
