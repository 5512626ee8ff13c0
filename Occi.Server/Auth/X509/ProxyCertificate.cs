using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Occi.Server.Auth.X509;

/// <summary>
/// What makes a certificate an RFC 3820 proxy: its ProxyCertInfo extension (or the pre-RFC Globus forms: GT3's
/// draft extension, GT2's subject ending in CN=proxy or CN=limited proxy), with its path length constraint and
/// policy language.
/// </summary>
internal sealed record ProxyCertificate(int? PathLength, string Language, bool Critical)
{
    public const string RfcOid = "1.3.6.1.5.5.7.1.14";
    public const string Gt3Oid = "1.3.6.1.4.1.3536.1.222";

    /// <summary>RFC 3820 §3.8's languages a gateway may act on: the proxy has all its issuer's rights, or a Globus "limited" subset.</summary>
    public const string InheritAll = "1.3.6.1.5.5.7.21.1";
    public const string Independent = "1.3.6.1.5.5.7.21.2";
    public const string Limited = "1.3.6.1.4.1.3536.1.1.1.9";
    private const string Gt2Language = "gt2";

    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>The proxy certificate information of <paramref name="certificate"/>, or null when it is no proxy.</summary>
    /// <exception cref="AsnContentException">The extension is there but not readable.</exception>
    public static ProxyCertificate? Of(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[RfcOid] ?? certificate.Extensions[Gt3Oid];
        if (extension is not null) return Read(extension);
        // GT2 (legacy Globus): no extension, the subject is the issuer's with CN=proxy or CN=limited proxy.
        return DistinguishedName.ExtendsByOneCommonName(certificate.SubjectName, certificate.IssuerName, out var cn)
            && cn is "proxy" or "limited proxy"
            ? new ProxyCertificate(null, cn == "proxy" ? Gt2Language : Limited, true)
            : null;
    }

    // ProxyCertInfoExtension ::= SEQUENCE { pCPathLenConstraint INTEGER OPTIONAL, proxyPolicy ProxyPolicy }
    // ProxyPolicy ::= SEQUENCE { policyLanguage OBJECT IDENTIFIER, policy OCTET STRING OPTIONAL }
    // (GT3's draft puts the policy first and the path length in [1]; both are read.)
    private static ProxyCertificate Read(X509Extension extension)
    {
        var info = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        int? pathLength = null;
        string? language = null;
        while (info.HasData)
        {
            var tag = info.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.Integer)) pathLength = ReadLength(info);
            else if (tag.HasSameClassAndValue(Context1)) pathLength = ReadLength(info.ReadSequence(Context1));
            else if (tag.HasSameClassAndValue(Asn1Tag.Sequence)) language = info.ReadSequence().ReadObjectIdentifier();
            else info.ReadEncodedValue();
        }
        return new ProxyCertificate(pathLength, language ?? "", extension.Critical);
    }

    private static int ReadLength(AsnReader reader) => reader.TryReadInt32(out var n) && n >= 0 ? n : int.MaxValue;

    /// <summary>Whether a proxy of this language speaks for its issuer's identity.</summary>
    public bool Delegates => Language is InheritAll or Limited or Gt2Language;
}
