using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Occi.Server.Auth.X509;

/// <summary>
/// A certificate name as grid software writes it: OpenSSL's one-line slash form (<c>/DC=org/DC=test/CN=Alice</c>),
/// the form of the .lsc files, the mapping file and every grid-mapfile. RDNs are kept in their encoded order.
/// </summary>
internal static class DistinguishedName
{
    private const string CommonName = "2.5.4.3";

    // OpenSSL's short names for the attributes grid certificates use; any other attribute is written as its OID.
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN", ["2.5.4.4"] = "SN", ["2.5.4.5"] = "serialNumber", ["2.5.4.6"] = "C", ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST", ["2.5.4.9"] = "street", ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU", ["2.5.4.12"] = "title",
        ["2.5.4.17"] = "postalCode", ["2.5.4.42"] = "GN", ["2.5.4.46"] = "dnQualifier",
        ["0.9.2342.19200300.100.1.1"] = "UID", ["0.9.2342.19200300.100.1.25"] = "DC", ["1.2.840.113549.1.9.1"] = "emailAddress",
    };

    public static string Slash(X500DistinguishedName name) => Slash(name.RawData);

    public static string Slash(ReadOnlyMemory<byte> encodedName)
    {
        var text = new StringBuilder();
        foreach (var rdn in Read(encodedName))
        {
            for (var i = 0; i < rdn.Count; i++)
            {
                text.Append(i == 0 ? '/' : '+');
                text.Append(ShortNames.TryGetValue(rdn[i].Type, out var shortName) ? shortName : rdn[i].Type).Append('=').Append(rdn[i].Value);
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// RFC 3820 §3.4: a proxy's subject is its issuer's subject with one more RDN, a single common name. Compared by
    /// attribute type and value (not by bytes: tools re-encode the issuer's strings in another string type).
    /// </summary>
    public static bool ExtendsByOneCommonName(X500DistinguishedName subject, X500DistinguishedName issuer, out string? lastCommonName)
    {
        lastCommonName = null;
        var s = Read(subject.RawData);
        var i = Read(issuer.RawData);
        if (s.Count != i.Count + 1) return false;
        for (var k = 0; k < i.Count; k++)
            if (!i[k].SequenceEqual(s[k])) return false;
        var last = s[^1];
        if (last.Count != 1 || last[0].Type != CommonName) return false;
        lastCommonName = last[0].Value;
        return true;
    }

    private readonly record struct Attribute(string Type, string Value);

    /// <summary>Name ::= SEQUENCE OF RelativeDistinguishedName; RDN ::= SET OF AttributeTypeAndValue (RFC 5280 §4.1.2.4).</summary>
    private static List<List<Attribute>> Read(ReadOnlyMemory<byte> encodedName)
    {
        var rdns = new List<List<Attribute>>();
        var name = new AsnReader(encodedName, AsnEncodingRules.DER).ReadSequence();
        while (name.HasData)
        {
            var set = name.ReadSetOf(skipSortOrderValidation: true);
            var rdn = new List<Attribute>();
            while (set.HasData)
            {
                var pair = set.ReadSequence();
                var type = pair.ReadObjectIdentifier();
                rdn.Add(new Attribute(type, ReadString(pair)));
            }
            rdns.Add(rdn);
        }
        return rdns;
    }

    private static string ReadString(AsnReader pair)
    {
        var tag = pair.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                    or UniversalTagNumber.BMPString or UniversalTagNumber.T61String or UniversalTagNumber.VisibleString
                    or UniversalTagNumber.NumericString:
                    return pair.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            }
        }
        return "#" + Convert.ToHexString(pair.ReadEncodedValue().Span);
    }
}
