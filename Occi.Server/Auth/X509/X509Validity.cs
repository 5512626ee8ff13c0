using System.Security.Cryptography.X509Certificates;

namespace Occi.Server.Auth.X509;

/// <summary>A certificate's validity period against the injected clock (never the machine's).</summary>
internal static class X509Validity
{
    public static string? Check(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (now < certificate.NotBefore.ToUniversalTime())
            return $"{DistinguishedName.Slash(certificate.SubjectName)} is not yet valid (from {certificate.NotBefore.ToUniversalTime():u})";
        if (now > certificate.NotAfter.ToUniversalTime())
            return $"{DistinguishedName.Slash(certificate.SubjectName)} expired at {certificate.NotAfter.ToUniversalTime():u}";
        return null;
    }
}
