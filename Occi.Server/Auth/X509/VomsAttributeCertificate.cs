using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Occi.Server.Auth.X509;

/// <summary>
/// A VOMS attribute certificate as a VOMS server issues it into a proxy (RFC 5755 §4.1 AttributeCertificate):
/// who holds it (the end-entity certificate's issuer and serial), who issued it, when it is valid, the VO (the
/// policyAuthority of the VOMS attribute, <c>vo://host:port</c>), the FQANs, and the VOMS server's own
/// certificate, which VOMS carries in the AC's extensions.
/// </summary>
internal sealed class VomsAttributeCertificate
{
    /// <summary>The proxy extension holding the ACs: SEQUENCE OF SEQUENCE OF AttributeCertificate.</summary>
    public const string ExtensionOid = "1.3.6.1.4.1.8005.100.100.5";

    /// <summary>The attribute whose values are the FQANs (IetfAttrSyntax, RFC 5755 §4.4.5).</summary>
    private const string FqanAttributeOid = "1.3.6.1.4.1.8005.100.100.4";

    /// <summary>The AC extension carrying the VOMS server's certificate: SEQUENCE OF SEQUENCE OF Certificate.</summary>
    private const string ServerCertificatesOid = "1.3.6.1.4.1.8005.100.100.10";

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag DirectoryName = new(TagClass.ContextSpecific, 4, isConstructed: true);
    private static readonly Asn1Tag UniformResourceIdentifier = new(TagClass.ContextSpecific, 6);

    private VomsAttributeCertificate(SignedData signed) => Signed = signed;

    public SignedData Signed { get; }
    public string HolderIssuer { get; private set; } = "";
    public byte[] HolderSerial { get; private set; } = [];
    public string Issuer { get; private set; } = "";
    public DateTimeOffset NotBefore { get; private set; }
    public DateTimeOffset NotAfter { get; private set; }
    public string? Vo { get; private set; }
    public List<string> Fqans { get; } = [];
    public List<X509Certificate2> ServerCertificates { get; } = [];

    /// <summary>The ACs of a proxy's VOMS extension value.</summary>
    /// <exception cref="AsnContentException">The value is not such a structure.</exception>
    public static List<VomsAttributeCertificate> ReadExtension(ReadOnlyMemory<byte> value)
    {
        var all = new List<VomsAttributeCertificate>();
        var outer = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
        while (outer.HasData)
        {
            var list = outer.ReadSequence();
            while (list.HasData) all.Add(Read(list.ReadEncodedValue()));
        }
        return all;
    }

    private static VomsAttributeCertificate Read(ReadOnlyMemory<byte> der)
    {
        var ac = new VomsAttributeCertificate(SignedData.Read(der));
        var info = new AsnReader(ac.Signed.Signed, AsnEncodingRules.DER).ReadSequence();
        info.ReadInteger();

        // Holder ::= SEQUENCE { baseCertificateID [0] IssuerSerial OPTIONAL, … }; IssuerSerial ::= SEQUENCE { issuer GeneralNames, serial }
        var holder = info.ReadSequence();
        if (holder.HasData && holder.PeekTag().HasSameClassAndValue(Context0))
        {
            var issuerSerial = holder.ReadSequence(Context0);
            ac.HolderIssuer = DirectoryNameOf(issuerSerial.ReadSequence()) ?? "";
            ac.HolderSerial = issuerSerial.ReadIntegerBytes().ToArray();
        }

        // AttCertIssuer ::= CHOICE { v1Form GeneralNames, v2Form [0] V2Form }; V2Form ::= SEQUENCE { issuerName GeneralNames OPTIONAL, … }
        var issuer = info.PeekTag().HasSameClassAndValue(Context0) ? info.ReadSequence(Context0).ReadSequence() : info.ReadSequence();
        ac.Issuer = DirectoryNameOf(issuer) ?? "";

        info.ReadSequence(); // signature AlgorithmIdentifier, the same as the outer one
        info.ReadIntegerBytes();
        var validity = info.ReadSequence();
        ac.NotBefore = validity.ReadGeneralizedTime();
        ac.NotAfter = validity.ReadGeneralizedTime();

        var attributes = info.ReadSequence();
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            if (type != FqanAttributeOid) continue;
            while (values.HasData) ac.ReadIetfAttribute(values.ReadSequence());
        }

        if (info.HasData && info.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveBitString)) info.ReadBitString(out _);
        if (info.HasData)
        {
            var extensions = info.ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) extension.ReadBoolean();
                var content = extension.ReadOctetString();
                if (oid != ServerCertificatesOid) continue;
                var lists = new AsnReader(content, AsnEncodingRules.DER).ReadSequence();
                while (lists.HasData)
                {
                    var certificates = lists.ReadSequence();
                    while (certificates.HasData) ac.ServerCertificates.Add(X509CertificateLoader.LoadCertificate(certificates.ReadEncodedValue().Span));
                }
            }
        }
        return ac;
    }

    // IetfAttrSyntax ::= SEQUENCE { policyAuthority [0] GeneralNames OPTIONAL, values SEQUENCE OF CHOICE { octets, oid, string } }
    private void ReadIetfAttribute(AsnReader syntax)
    {
        if (syntax.PeekTag().HasSameClassAndValue(Context0))
        {
            var names = syntax.ReadSequence(Context0);
            while (names.HasData)
            {
                if (names.PeekTag().HasSameClassAndValue(UniformResourceIdentifier))
                {
                    // VOMS writes "<vo>://<host>:<port>".
                    var uri = names.ReadCharacterString(UniversalTagNumber.IA5String, UniformResourceIdentifier);
                    var end = uri.IndexOf("://", StringComparison.Ordinal);
                    Vo ??= end > 0 ? uri[..end] : uri;
                }
                else names.ReadEncodedValue();
            }
        }
        var values = syntax.ReadSequence();
        while (values.HasData)
        {
            var tag = values.PeekTag();
            if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString)) Fqans.Add(Encoding.UTF8.GetString(values.ReadOctetString()));
            else if (tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UTF8String))) Fqans.Add(values.ReadCharacterString(UniversalTagNumber.UTF8String));
            else values.ReadEncodedValue();
        }
    }

    /// <summary>The first directoryName of GeneralNames, in slash form.</summary>
    private static string? DirectoryNameOf(AsnReader generalNames)
    {
        string? found = null;
        while (generalNames.HasData)
        {
            if (found is null && generalNames.PeekTag().HasSameClassAndValue(DirectoryName))
                found = DistinguishedName.Slash(generalNames.ReadSequence(DirectoryName).ReadEncodedValue());
            else generalNames.ReadEncodedValue();
        }
        return found;
    }
}
