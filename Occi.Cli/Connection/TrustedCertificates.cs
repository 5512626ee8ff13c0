using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Occi.Cli.Protocol;

namespace Occi.Cli.Connection;

/// <summary>
/// --ca-path: the server's certificate must chain to one of the certificates of that file or folder (PEM or DER,
/// as an IGTF CA folder holds them: *.pem, *.crt, hash.0), instead of the system's roots.
/// </summary>
internal static class TrustedCertificates
{
    public static X509Certificate2Collection Read(string path)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path) : File.Exists(path) ? [path]
            : throw OcciFailure.Usage($"--ca-path {path}: no such file or folder");
        var roots = new X509Certificate2Collection();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (!(name.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".cer", StringComparison.OrdinalIgnoreCase) || (name.Length > 2 && name[^2] == '.' && char.IsDigit(name[^1]))))
                continue;
            try
            {
                var text = File.ReadAllText(file);
                if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) roots.ImportFromPem(text);
                else roots.Add(X509CertificateLoader.LoadCertificateFromFile(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                // A folder of CAs holds CRLs, signing policies and namespaces files beside the certificates: skip what is none.
            }
        }
        if (roots.Count == 0) throw OcciFailure.Usage($"--ca-path {path}: no certificate found");
        return roots;
    }

    /// <summary>Validates the server's chain against <paramref name="roots"/> only.</summary>
    public static RemoteCertificateValidationCallback Validator(X509Certificate2Collection roots) => (_, certificate, chain, errors) =>
    {
        if (certificate is null) return false;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };
}
