using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Occi.Cli.Protocol;

namespace Occi.Cli.Connection;

/// <summary>
/// --auth x509: a proxy file as voms-proxy-init and grid-proxy-init write it (RFC 3820): the proxy certificate,
/// its private key, then the chain up to the user's certificate, all PEM. The first certificate and the key are the
/// client certificate; the others are sent with it, so the server can build the chain to the user's CA.
/// </summary>
internal static class ProxyCertificate
{
    public static SslStreamCertificateContext Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OcciFailure.Usage($"--proxy {path}: {e.Message}");
        }
        try
        {
            var all = new X509Certificate2Collection();
            all.ImportFromPem(text);
            if (all.Count == 0) throw OcciFailure.Usage($"--proxy {path}: no certificate in the file");
            using var withKey = X509Certificate2.CreateFromPem(text, text);
            // On Linux a certificate with an ephemeral key cannot always be presented: a PKCS#12 round trip gives it a usable one.
            var client = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            var chain = new X509Certificate2Collection();
            for (var i = 1; i < all.Count; i++) chain.Add(all[i]);
            return SslStreamCertificateContext.Create(client, chain, offline: true);
        }
        catch (CryptographicException e)
        {
            throw OcciFailure.Usage($"--proxy {path}: not a PEM certificate with its private key ({e.Message})");
        }
    }

    /// <summary>Where grid tools put the proxy when X509_USER_PROXY does not say: /tmp/x509up_u&lt;uid&gt;.</summary>
    public static string DefaultPath(Func<string, string?> environment) =>
        environment("X509_USER_PROXY") is { Length: > 0 } set ? set : $"/tmp/x509up_u{UserId()}";

    private static string UserId()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                    return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        }
        catch (IOException) { }
        return "0";
    }
}
