using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Occi.Server.Auth.X509;

/// <summary>
/// Occi:Auth:Schemes = X509. Kestrel asks every https client for a certificate (optional: a client without one
/// goes on to the other schemes). The server's own certificate is Kestrel's usual setting
/// (Kestrel:Certificates:Default:Path and KeyPath with an https --urls, or Kestrel:Endpoints).
/// </summary>
internal sealed class X509Scheme : IAuthScheme
{
    public string Name => AuthSchemeNames.X509;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var services = authentication.Services;
        authentication.AddScheme<AuthenticationSchemeOptions, X509AuthenticationHandler>(Name, null);
        services.AddOptions<X509AuthOptions>().Bind(configuration.GetSection(X509AuthOptions.Section))
            .Validate(o => Directory.Exists(o.CaPath), $"{X509AuthOptions.Section}:CaPath must name the folder of trusted CAs (<hash>.0 certificates, <hash>.r0 CRLs)")
            .Validate(o => o.VomsDir.Length == 0 || Directory.Exists(o.VomsDir), $"{X509AuthOptions.Section}:VomsDir must name an existing folder (<vo>/<host>.lsc) or be empty")
            .Validate(o => o.ReloadSeconds >= 1, $"{X509AuthOptions.Section}:ReloadSeconds must be at least 1")
            .Validate(o => { TrustedProxies.Parse(o.TrustedProxies, out var error); return error is null; },
                $"{X509AuthOptions.Section}:TrustedProxies must be a comma list of addresses or CIDR ranges")
            .ValidateOnStart();
        // Without it no TLS client with a proxy certificate gets past the handshake on Linux (see there).
        if (!OpenSslProxyCertificates.Allow(out var problem))
            throw new InvalidOperationException($"{X509AuthOptions.Section}: cannot let OpenSSL accept proxy certificates: {problem}");
        var chains = new ClientChains();
        services.AddSingleton(chains);
        services.AddSingleton<TrustFolders>();
        services.AddSingleton<X509Validator>();
        services.AddSingleton<TrustedProxies>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = chains.Capture;
        }));
    }

    /// <summary>None: the certificate is asked for in the TLS handshake, and rOCCI-cli goes on to Keystone discovery on a bare 401.</summary>
    public AuthChallenge? Challenge(IServiceProvider services) => null;
}
