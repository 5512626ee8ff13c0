using System.Security.Claims;

namespace Occi.Server.Auth;

/// <summary>
/// The claim types the scheme handlers put on the principal; <see cref="CallerMapping"/> reads them (and only
/// them) to make the request's <c>Caller</c>. A handler sets what its credentials prove and nothing else.
/// </summary>
internal static class OcciClaims
{
    /// <summary>The identity's name as the scheme knows it (user name, certificate DN, token subject).</summary>
    public const string Name = "occi:name";

    /// <summary>The scheme that authenticated the request (one of <see cref="AuthSchemeNames"/>).</summary>
    public const string Scheme = "occi:scheme";

    /// <summary>A tenant the credentials themselves name (the users file, a Keystone project); the mapping file may override.</summary>
    public const string Tenant = "occi:tenant";

    /// <summary>A role the credentials carry ("admin" sees every tenant).</summary>
    public const string Role = "occi:role";

    /// <summary>X.509: the end-entity subject DN (OpenSSL slash form, /DC=org/.../CN=Name).</summary>
    public const string Dn = "occi:x509:dn";

    /// <summary>VOMS: the virtual organisation and each FQAN of the attribute certificate.</summary>
    public const string Vo = "occi:voms:vo";
    public const string Fqan = "occi:voms:fqan";

    /// <summary>Keystone: the token's project id and name.</summary>
    public const string KeystoneProjectId = "occi:keystone:project_id";
    public const string KeystoneProjectName = "occi:keystone:project_name";

    /// <summary>OpenID Connect: an entitlement or group (eduperson_entitlement).</summary>
    public const string Entitlement = "occi:oidc:entitlement";

    /// <summary>Credentials a backend may forward on the caller's behalf (a Keystone token): becomes Caller.Token.</summary>
    public const string BackendToken = "occi:backend_token";

    /// <summary>The principal of a user of a credentials file (Basic, Signature): its name, scheme, tenant and role.</summary>
    public static ClaimsPrincipal FileUser(string scheme, string name, string? tenant, string? role)
    {
        var claims = new List<Claim> { new(Name, name), new(Scheme, scheme) };
        if (tenant is not null) claims.Add(new Claim(Tenant, tenant));
        if (role is not null) claims.Add(new Claim(Role, role));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Name, Role));
    }
}
