using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Server.Auth.Identity;

namespace Occi.Server.Auth.Keystone;

/// <summary>
/// X-Auth-Token: a token of the built-in Keystone (checked here) or of Occi:Auth:Keystone:Url (asked there, then
/// cached). The token's project is the tenant; the token itself is what a backend may forward.
/// </summary>
internal sealed class KeystoneAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<KeystoneAuthOptions> keystone, KeystoneTokens remote, IdentityTokens builtIn, IEnumerable<ITokenHeaderOwner> owners)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenHeader.UnownedValue(Request, owners) is not { } token) return AuthenticateResult.NoResult();
        var settings = keystone.Value;

        if (IdentityTokens.IsOne(token) && settings.BuiltIn.Length > 0)
        {
            if (builtIn.Read(token, out var problem) is not { } grant) return AuthenticateResult.Fail(problem!);
            if (!grant.Scoped) return AuthenticateResult.Fail("the token is not scoped to a project: ask the Keystone for a project-scoped one");
            // No backend token: the built-in Keystone's tokens mean nothing to a cloud behind the gateway.
            return Success(grant.Name, grant.Tenant, grant.Tenant, grant.Roles, backendToken: null);
        }
        if (settings.Url.Length == 0) return AuthenticateResult.Fail("the token is not one this server's Keystone issued");

        KeystoneIdentity? identity;
        try
        {
            identity = await remote.ValidateAsync(token, Context.RequestAborted);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Unavailable)
        {
            // Not a refusal: CallerAuthenticator answers 503 for it (ASP.NET Core may run this handler before the endpoint).
            return AuthenticateResult.Fail(e);
        }
        if (identity is null) return AuthenticateResult.Fail("Keystone does not know the token (unknown, expired or revoked)");
        if (identity.ProjectId is null) return AuthenticateResult.Fail("the Keystone token is not scoped to a project");
        var admin = identity.Roles.Any(r => settings.AdminRoleNames.Contains(r, StringComparer.Ordinal));
        // Keystone's own "admin" counts only through AdminRoles: an OpenStack admin is not an OCCI admin unless configured.
        var roles = identity.Roles.Where(r => r != "admin").Concat(admin ? ["admin"] : []).ToArray();
        return Success(identity.UserName, identity.ProjectId, identity.ProjectName, roles, backendToken: token);
    }

    private static AuthenticateResult Success(string name, string projectId, string? projectName, IEnumerable<string> roles, string? backendToken)
    {
        var claims = new List<Claim>
        {
            new(OcciClaims.Name, name),
            new(OcciClaims.Scheme, AuthSchemeNames.Keystone),
            new(OcciClaims.KeystoneProjectId, projectId),
            new(OcciClaims.Tenant, projectId),
        };
        if (backendToken is not null) claims.Add(new Claim(OcciClaims.BackendToken, backendToken));
        if (projectName is not null) claims.Add(new Claim(OcciClaims.KeystoneProjectName, projectName));
        claims.AddRange(roles.Select(r => new Claim(OcciClaims.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemeNames.Keystone, OcciClaims.Name, OcciClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemeNames.Keystone));
    }
}
