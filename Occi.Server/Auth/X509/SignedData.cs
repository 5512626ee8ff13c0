using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Occi.Server.Auth.X509;

/// <summary>
/// The shape certificates, CRLs and attribute certificates share (RFC 5280 §4.1, §5.1; RFC 5755 §4.1):
/// SEQUENCE { to-be-signed, signatureAlgorithm, signatureValue BIT STRING }, and the check of its signature
/// against an issuer certificate's public key.
/// </summary>
internal sealed class SignedData
{
    private SignedData(ReadOnlyMemory<byte> signed, string algorithm, byte[] signature)
    {
        Signed = signed;
        Algorithm = algorithm;
        Signature = signature;
    }

    /// <summary>The DER of the to-be-signed part, exactly as it was signed.</summary>
    public ReadOnlyMemory<byte> Signed { get; }
    public string Algorithm { get; }
    public byte[] Signature { get; }

    /// <exception cref="AsnContentException">The bytes are not such a structure.</exception>
    public static SignedData Read(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var signed = outer.ReadEncodedValue();
        var algorithm = outer.ReadSequence().ReadObjectIdentifier();
        var signature = outer.ReadBitString(out _);
        return new SignedData(signed, algorithm, signature);
    }

    /// <summary>True when <paramref name="issuer"/>'s key made the signature (RSA PKCS#1 v1.5 or ECDSA, SHA-1/2).</summary>
    public bool IsSignedBy(X509Certificate2 issuer)
    {
        var (hash, ecdsa) = Algorithm switch
        {
            "1.2.840.113549.1.1.5" => (HashAlgorithmName.SHA1, false),
            "1.2.840.113549.1.1.11" => (HashAlgorithmName.SHA256, false),
            "1.2.840.113549.1.1.12" => (HashAlgorithmName.SHA384, false),
            "1.2.840.113549.1.1.13" => (HashAlgorithmName.SHA512, false),
            "1.2.840.10045.4.1" => (HashAlgorithmName.SHA1, true),
            "1.2.840.10045.4.3.2" => (HashAlgorithmName.SHA256, true),
            "1.2.840.10045.4.3.3" => (HashAlgorithmName.SHA384, true),
            "1.2.840.10045.4.3.4" => (HashAlgorithmName.SHA512, true),
            _ => (default, false),
        };
        if (hash.Name is null) return false;
        try
        {
            if (ecdsa)
            {
                using var key = issuer.GetECDsaPublicKey();
                return key is not null && key.VerifyData(Signed.Span, Signature, hash, DSASignatureFormat.Rfc3279DerSequence);
            }
            using var rsa = issuer.GetRSAPublicKey();
            return rsa is not null && rsa.VerifyData(Signed.Span, Signature, hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="certificate"/> was signed by <paramref name="issuer"/>.</summary>
    public static bool CertificateIsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            return Read(certificate.RawData).IsSignedBy(issuer);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
