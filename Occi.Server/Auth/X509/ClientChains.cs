using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Occi.Server.Auth.X509;

/// <summary>
/// The certificates a client sent in the TLS handshake beside the one it authenticated with (a proxy's user
/// certificate, further proxies). ASP.NET Core gives a request only the leaf (Connection.ClientCertificate); the
/// rest reaches Kestrel's ClientCertificateValidation callback alone, in the chain's ExtraStore, where SslStream
/// puts what the peer sent. They are remembered there by the leaf's SHA-256, so a resumed TLS session (no
/// callback, same leaf) finds them too. Trust is decided later by <see cref="X509Validator"/>: the callback
/// accepts every certificate, and a request with a bad one gets a 401 with the reason instead of a failed handshake.
/// </summary>
internal sealed class ClientChains
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, X509Certificate2[]> _sent = new(StringComparer.Ordinal);

    public bool Capture(X509Certificate2 leaf, X509Chain? chain, SslPolicyErrors errors)
    {
        var key = leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        // Copies: SslStream disposes the chain's certificates once the callback returns.
        var others = chain?.ChainPolicy.ExtraStore.Where(c => !c.RawData.AsSpan().SequenceEqual(leaf.RawData))
            .Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToArray() ?? [];
        if (_sent.Count >= MaxRemembered) _sent.Clear();
        _sent[key] = others;
        return true;
    }

    /// <summary>What the client sent with <paramref name="leaf"/>, the leaf itself not included.</summary>
    public X509Certificate2[] SentWith(X509Certificate2 leaf) =>
        _sent.TryGetValue(leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), out var sent) ? sent : [];
}
