using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>
/// HTTP Basic (RFC 7617) against the users file. The credentials are decoded into stack memory and the password
/// never becomes a string: a request whose password was verified before allocates its result only.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BasicUsersSource users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Basic ";
    private const int StackBytes = 512;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Authenticate());

    private AuthenticateResult Authenticate()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var encoded = header.AsSpan(Prefix.Length).Trim();
        var rented = encoded.Length > StackBytes ? ArrayPool<byte>.Shared.Rent(encoded.Length) : null;
        var buffer = rented ?? stackalloc byte[StackBytes];
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var length))
                return AuthenticateResult.Fail("the Basic credentials are not base64");
            var decoded = buffer[..length];
            var colon = decoded.IndexOf((byte)':');
            if (colon <= 0) return AuthenticateResult.Fail("the Basic credentials are not user:password");
            var user = users.Current.Check(decoded[..colon], decoded[(colon + 1)..]);
            if (user is null)
                return AuthenticateResult.Fail("the user name or password is wrong", AuditLog.Identity(Encoding.UTF8.GetString(decoded[..colon])));
            return AuthenticateResult.Success(new AuthenticationTicket(user.Principal, AuthSchemeNames.Basic));
        }
        finally
        {
            buffer.Clear(); // the password
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
