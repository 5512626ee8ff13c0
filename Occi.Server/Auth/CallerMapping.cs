using System.Security.Claims;
using Occi.Core.BackendContracts;
using Occi.Server.Auth.Tenancy;

namespace Occi.Server.Auth;

/// <summary>
/// The one place an authenticated principal becomes the request's <see cref="Caller"/>: its name, the tenant it
/// acts in, its roles and the credentials a backend may forward. The tenant is the first matching rule's of the
/// mapping file (Occi:Tenancy:MappingFile), else the one the credentials themselves name (the users file, a
/// Keystone project); a rule's role joins the credentials' roles. Null when the identity maps to no tenant (a 403).
/// </summary>
internal sealed class CallerMapping(TenancyRules rules)
{
    public Caller? Map(ClaimsPrincipal principal)
    {
        var name = principal.FindFirstValue(OcciClaims.Name);
        if (string.IsNullOrEmpty(name)) return null;
        var rule = rules.Count == 0 ? null : rules.FirstMatch(principal);
        var tenant = rule?.Tenant ?? principal.FindFirstValue(OcciClaims.Tenant);
        if (string.IsNullOrEmpty(tenant)) return null;
        var roles = principal.FindAll(OcciClaims.Role).Select(c => c.Value);
        if (rule?.Role is { } role) roles = roles.Append(role);
        return new Caller(name, tenant, roles.Distinct(StringComparer.Ordinal).ToArray()) { Token = principal.FindFirstValue(OcciClaims.BackendToken) };
    }
}
