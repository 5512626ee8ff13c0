using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Server.Auth.Astakos;

/// <summary>
/// X-Auth-Token checked by Astakos (through the backend's <see cref="ICloudTokens"/>): its holder is the caller, the
/// token's project (a user's system project has the user's id) the tenant, and the token itself what the backend
/// forwards to Cyclades and Plankton, as the Python bridge did.
/// </summary>
internal sealed class AstakosAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IEnumerable<ICloudTokens> clouds, IEnumerable<ITokenHeaderOwner> owners)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenHeader.UnownedValue(Request, owners) is not { } token) return AuthenticateResult.NoResult();
        if (clouds.FirstOrDefault() is not { } astakos) return AuthenticateResult.Fail("no backend of this server checks Astakos tokens");
        CloudTokenHolder? holder;
        try
        {
            holder = await astakos.ValidateAsync(token, Context.RequestAborted);
        }
        catch (OcciException e) when (e.Kind is OcciErrorKind.Unavailable or OcciErrorKind.BackendFailure)
        {
            // Not a refusal: CallerAuthenticator answers 503 for an identity service it cannot ask.
            return AuthenticateResult.Fail(e.Kind == OcciErrorKind.Unavailable ? e : new OcciException(OcciErrorKind.Unavailable, e.Message, e));
        }
        if (holder is null) return AuthenticateResult.Fail("Astakos does not accept the token (unknown, expired or revoked)");
        var claims = new List<Claim>
        {
            new(OcciClaims.Name, holder.Name),
            new(OcciClaims.Scheme, AuthSchemeNames.Astakos),
            new(OcciClaims.Tenant, holder.Tenant),
            new(OcciClaims.BackendToken, token),
        };
        claims.AddRange(holder.Roles.Select(r => new Claim(OcciClaims.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemeNames.Astakos, OcciClaims.Name, OcciClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemeNames.Astakos));
    }
}
