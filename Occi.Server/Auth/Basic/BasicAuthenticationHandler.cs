using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>HTTP Basic (RFC 7617) against the users file.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BasicUsersSource users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("the Basic credentials are not base64"));
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return Task.FromResult(AuthenticateResult.Fail("the Basic credentials are not user:password"));
        var user = users.Current.Check(decoded[..colon], decoded[(colon + 1)..]);
        if (user is null) return Task.FromResult(AuthenticateResult.Fail("the user name or password is wrong", AuditLog.Identity(decoded[..colon])));

        var principal = OcciClaims.FileUser(AuthSchemeNames.Basic, user.Name, user.Tenant, user.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemeNames.Basic)));
    }
}
