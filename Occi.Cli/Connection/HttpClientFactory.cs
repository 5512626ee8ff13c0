using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;

namespace Occi.Cli.Connection;

/// <summary>The one HttpClient of a run: TLS as --insecure/--ca-path say, the client certificate of --auth x509, and the credentials header of the other schemes.</summary>
internal static class HttpClientFactory
{
    public static HttpClient Create(ConnectionSettings settings, string userAgent)
    {
        var tls = new SslClientAuthenticationOptions();
        if (settings.Insecure) tls.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (settings.CaPath is { } caPath) tls.RemoteCertificateValidationCallback = TrustedCertificates.Validator(TrustedCertificates.Read(caPath));
        if (settings.Auth == AuthKind.X509) tls.ClientCertificateContext = ProxyCertificate.Read(settings.ProxyFile!);

        var handler = new SocketsHttpHandler { SslOptions = tls, AllowAutoRedirect = false, UseCookies = false };
        var client = new HttpClient(handler) { Timeout = settings.RequestTimeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        switch (settings.Auth)
        {
            case AuthKind.Basic:
                var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.User + ":" + settings.Password));
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
                break;
            case AuthKind.Token:
                client.DefaultRequestHeaders.TryAddWithoutValidation("X-Auth-Token", settings.Token);
                break;
            case AuthKind.Oidc:
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
                break;
        }
        return client;
    }
}
