using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Occi.Server.Auth.X509;

/// <summary>
/// A CRL of the CA folder (<c>&lt;hash&gt;.r0</c>, PEM or DER; RFC 5280 §5.1): who issued it and the serial
/// numbers it revokes. Checked offline: it counts only once its signature verifies against its CA's key.
/// </summary>
internal sealed class RevocationList
{
    private readonly SignedData _signed;
    private readonly HashSet<string> _revoked;

    private RevocationList(SignedData signed, string issuer, HashSet<string> revoked)
    {
        _signed = signed;
        Issuer = issuer;
        _revoked = revoked;
    }

    /// <summary>The issuer's DN in slash form.</summary>
    public string Issuer { get; }

    /// <exception cref="AsnContentException">The bytes are not a CRL.</exception>
    public static RevocationList Read(byte[] der)
    {
        var signed = SignedData.Read(der);
        var tbs = new AsnReader(signed.Signed, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger();
        tbs.ReadSequence();
        var issuer = DistinguishedName.Slash(tbs.ReadEncodedValue());
        ReadTime(tbs);
        if (tbs.HasData && IsTime(tbs.PeekTag())) ReadTime(tbs);
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                revoked.Add(Serial(entry.ReadIntegerBytes().Span));
            }
        }
        return new RevocationList(signed, issuer, revoked);
    }

    public bool IsSignedBy(X509Certificate2 issuer) => _signed.IsSignedBy(issuer);

    public bool Revokes(X509Certificate2 certificate) => _revoked.Contains(Serial(Convert.FromHexString(certificate.SerialNumber)));

    /// <summary>A serial number as upper-case hex without leading zero bytes, the same however it was encoded.</summary>
    private static string Serial(ReadOnlySpan<byte> bigEndian)
    {
        while (bigEndian.Length > 1 && bigEndian[0] == 0) bigEndian = bigEndian[1..];
        return Convert.ToHexString(bigEndian);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static void ReadTime(AsnReader reader)
    {
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime)) reader.ReadUtcTime();
        else reader.ReadGeneralizedTime();
    }
}
