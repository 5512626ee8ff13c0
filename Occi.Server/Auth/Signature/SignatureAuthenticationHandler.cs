using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Occi.Core;

namespace Occi.Server.Auth.Signature;

/// <summary>
/// Signed requests: <c>x-username</c> names a user of the keys file and <c>x-signature</c> carries the base64
/// HMAC-SHA256 of the <see cref="CanonicalRequest"/> under that user's key. The Date must be within the window of
/// the server's clock, and a signature is accepted once. The body is read here to be hashed and put back for the
/// endpoint, within Occi:Limits:MaxBodyBytes.
/// </summary>
internal sealed class SignatureAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SignatureKeysSource keys, ReplayCache replays, IOptions<SignatureAuthOptions> settings, IOptions<OcciOptions> occi, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string UserHeader = "x-username";
    public const string SignatureHeader = "x-signature";

    private readonly TimeSpan _window = TimeSpan.FromSeconds(settings.Value.WindowSeconds);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        var sent = Request.Headers[SignatureHeader].ToString();
        if (user.Length == 0 && sent.Length == 0) return AuthenticateResult.NoResult();
        var who = AuditLog.Identity(user.Length == 0 ? null : user);
        if (user.Length == 0 || sent.Length == 0)
            return AuthenticateResult.Fail($"a signed request needs both {UserHeader} and {SignatureHeader}", who);

        var dateText = Request.Headers.Date.ToString();
        if (!DateTimeOffset.TryParseExact(dateText, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date))
            return AuthenticateResult.Fail("a signed request needs a Date header in the HTTP date format (RFC 9110 §5.6.7)", who);
        var now = time.GetUtcNow();
        if ((now - date).Duration() > _window)
            return AuthenticateResult.Fail($"the request's Date is more than {_window.TotalSeconds:0} s from the server's clock", who);

        var key = keys.Current.Find(user);
        var bodyHash = await HashAndKeepBodyAsync();
        var target = Context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? Request.Path.Value + Request.QueryString.Value;
        var expected = CanonicalRequest.Sign(key?.Key ?? Decoy, CanonicalRequest.Of(Request.Method, target, dateText, bodyHash));
        var signature = new byte[expected.Length];
        var valid = Convert.TryFromBase64String(sent, signature, out var length) && length == expected.Length;
        // Compared even for an unknown user (against a decoy key), so both refusals take the same time.
        if (!(CryptographicOperations.FixedTimeEquals(signature, expected) & valid) || key is null)
            return AuthenticateResult.Fail("the user is unknown or the signature does not match the request", who);

        switch (replays.TryUse(Convert.ToBase64String(expected), date + _window))
        {
            case ReplayCache.Outcome.Replayed:
                return AuthenticateResult.Fail("this signature was already used; sign each request anew", who);
            case ReplayCache.Outcome.Full:
                return AuthenticateResult.Fail("too many signed requests within the window; try again shortly", who);
        }

        var principal = OcciClaims.FileUser(AuthSchemeNames.Signature, key.Name, key.Tenant, key.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemeNames.Signature));
    }

    private static readonly byte[] Decoy = RandomNumberGenerator.GetBytes(32);

    /// <summary>The body's SHA-256; the body itself is read into memory and left in its place for the endpoint.</summary>
    private async Task<byte[]> HashAndKeepBodyAsync()
    {
        var max = occi.Value.Limits.MaxBodyBytes;
        if (Request.ContentLength > max)
            throw new OcciException(OcciErrorKind.PayloadTooLarge, $"the request body of {Request.ContentLength} bytes exceeds the limit of {max} bytes");
        if (Request.ContentLength is 0) return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        if (Context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        var body = new MemoryStream((int)Math.Min(Request.ContentLength ?? 4096, max));
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await Request.Body.ReadAsync(chunk, Context.RequestAborted)) > 0)
            {
                body.Write(chunk, 0, read);
                if (body.Length > max)
                    throw new OcciException(OcciErrorKind.PayloadTooLarge, $"the request body exceeds the limit of {max} bytes");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        body.Position = 0;
        Request.Body = body;
        return SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
    }
}
