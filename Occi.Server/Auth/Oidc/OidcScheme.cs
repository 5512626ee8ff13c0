using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Occi.Server.Auth.Oidc;

/// <summary>
/// Occi:Auth:Schemes = Oidc: <c>Authorization: Bearer &lt;JWT&gt;</c>, or the JWT in X-Auth-Token, validated by
/// ASP.NET Core's JWT bearer handler against the issuer's discovery document and keys, audience checked, lifetime on
/// the container's clock. <c>sub</c> names the caller; each eduperson_entitlement (a string or an array) is a claim.
/// </summary>
internal sealed class OidcScheme : IAuthScheme
{
    public const string EntitlementClaim = "eduperson_entitlement";

    public string Name => AuthSchemeNames.Oidc;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddJwtBearer(Name, _ => { });
        var services = authentication.Services;
        services.AddSchemeOptions<OidcAuthOptions>(configuration, OidcAuthOptions.Section, o => o.Problem());
        services.AddSingleton<OidcTokenOwner>();
        services.AddSingleton<ITokenHeaderOwner>(sp => sp.GetRequiredService<OidcTokenOwner>());
        services.AddOptions<JwtBearerOptions>(Name).Configure<IOptions<OidcAuthOptions>, TimeProvider, OidcTokenOwner>(
            (jwt, oidc, time, owner) => Configure(jwt, oidc.Value, time, owner));
    }

    public AuthChallenge? Challenge(IServiceProvider services) => new("Bearer");

    private static void Configure(JwtBearerOptions jwt, OidcAuthOptions oidc, TimeProvider time, OidcTokenOwner owner)
    {
        jwt.Authority = oidc.Issuer;
        jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        jwt.MapInboundClaims = false;
        jwt.TimeProvider = time;
        var skew = TimeSpan.FromSeconds(oidc.ClockSkewSeconds);
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Issuer,
            ValidAudience = oidc.Audience,
            ClockSkew = skew,
            RequireExpirationTime = true,
            // On the container's TimeProvider, not the system clock, so tests move time instead of waiting.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && now < exp + skew && (notBefore is not { } nbf || now >= nbf - skew);
            },
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Authorization: Bearer is read by the handler itself; otherwise an X-Auth-Token of our issuer.
                if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.CompletedTask;
                var header = context.Request.Headers[TokenHeader.Name].ToString();
                if (header.Length > 0 && owner.Owns(header)) context.Token = header;
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.Principal?.FindFirstValue("sub") is not { Length: > 0 } subject)
                {
                    context.Fail("the token names no subject (sub)");
                    return Task.CompletedTask;
                }
                var claims = new List<Claim> { new(OcciClaims.Name, subject), new(OcciClaims.Scheme, AuthSchemeNames.Oidc) };
                claims.AddRange(context.Principal.FindAll(EntitlementClaim).Select(c => new Claim(OcciClaims.Entitlement, c.Value)));
                if (oidc.DefaultTenant.Length > 0) claims.Add(new Claim(OcciClaims.Tenant, oidc.DefaultTenant));
                context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemeNames.Oidc, OcciClaims.Name, OcciClaims.Role));
                return Task.CompletedTask;
            },
            // The handler's own messages are long and technical; the client gets the reason in a few words.
            OnAuthenticationFailed = context =>
            {
                context.Fail(Reason(context.Exception));
                return Task.CompletedTask;
            },
        };
    }

    private static string Reason(Exception e) => e switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "the token has expired or is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is meant for another audience",
        SecurityTokenInvalidIssuerException => "the token comes from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        InvalidOperationException => "the issuer's keys could not be fetched",
        _ => "the token is not a valid access token",
    };
}
