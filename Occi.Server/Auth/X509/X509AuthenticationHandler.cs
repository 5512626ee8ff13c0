using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.X509;

/// <summary>
/// X.509 client certificates: the chain from the TLS handshake, or from Occi:Auth:X509:ForwardedHeader when the
/// request comes from one of Occi:Auth:X509:TrustedProxies. The end-entity DN is the name; the VO of the VOMS
/// attribute certificate is the tenant until the mapping file says otherwise.
/// </summary>
internal sealed class X509AuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    ClientChains chains, X509Validator validator, TrustedProxies proxies, IOptions<X509AuthOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        X509Certificate2? leaf;
        IReadOnlyList<X509Certificate2> sent;
        var header = options.Value.ForwardedHeader;
        if (header.Length > 0 && Request.Headers.TryGetValue(header, out var forwarded) && proxies.Contains(Context.Connection.RemoteIpAddress))
        {
            X509Certificate2[] chain;
            try
            {
                chain = Pem.Certificates(Encoding.ASCII.GetBytes(WebUtility.UrlDecode(forwarded.ToString())));
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                return AuthenticateResult.Fail($"the {header} header holds no PEM certificate chain");
            }
            if (chain.Length == 0) return AuthenticateResult.Fail($"the {header} header holds no PEM certificate chain");
            (leaf, sent) = (chain[0], chain[1..]);
        }
        else
        {
            leaf = Context.Connection.ClientCertificate ?? await Context.Connection.GetClientCertificateAsync(Context.RequestAborted);
            if (leaf is null) return AuthenticateResult.NoResult();
            sent = chains.SentWith(leaf);
        }

        if (validator.Validate(leaf, sent, out var failure) is not { } identity) return AuthenticateResult.Fail(failure ?? "the certificate is refused");
        var claims = new List<Claim>
        {
            new(OcciClaims.Name, identity.Dn),
            new(OcciClaims.Scheme, AuthSchemeNames.X509),
            new(OcciClaims.Dn, identity.Dn),
        };
        if (identity.Vo is { } vo)
        {
            claims.Add(new Claim(OcciClaims.Vo, vo));
            // The VO is the default tenant; the mapping file (Occi:Tenancy:MappingFile) may map DN, VO or FQAN elsewhere.
            claims.Add(new Claim(OcciClaims.Tenant, vo));
        }
        claims.AddRange(identity.Fqans.Select(f => new Claim(OcciClaims.Fqan, f)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemeNames.X509, OcciClaims.Name, OcciClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemeNames.X509));
    }
}
