using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Occi.Server.Auth.X509;

/// <summary>Files and headers of PEM blocks (RFC 7468), or of one DER value.</summary>
internal static class Pem
{
    /// <summary>Every certificate in the text, in its order (a chain: leaf first); a DER file is one certificate.</summary>
    public static X509Certificate2[] Certificates(byte[] content)
    {
        if (!LooksLikePem(content)) return [X509CertificateLoader.LoadCertificate(content)];
        var certificates = new List<X509Certificate2>();
        ReadOnlySpan<char> text = System.Text.Encoding.ASCII.GetString(content);
        while (PemEncoding.TryFind(text, out var fields))
        {
            if (text[fields.Label].SequenceEqual("CERTIFICATE"))
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text[fields.Base64Data].ToString())));
            text = text[fields.Location.End..];
        }
        return [.. certificates];
    }

    /// <summary>The first block labelled <paramref name="label"/>, or the content itself when it is not PEM (DER).</summary>
    public static byte[] Decode(byte[] content, string label)
    {
        if (!LooksLikePem(content)) return content;
        ReadOnlySpan<char> text = System.Text.Encoding.ASCII.GetString(content);
        while (PemEncoding.TryFind(text, out var fields))
        {
            if (text[fields.Label].SequenceEqual(label)) return Convert.FromBase64String(text[fields.Base64Data].ToString());
            text = text[fields.Location.End..];
        }
        throw new FormatException($"no {label} block");
    }

    private static bool LooksLikePem(byte[] content) => content.AsSpan().IndexOf("-----BEGIN "u8) >= 0;
}
