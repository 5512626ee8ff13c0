using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.X509;

/// <summary>Who a validated chain proves: the end-entity DN, and the VO and FQANs of its VOMS attribute certificates.</summary>
internal sealed record X509Identity(string Dn, string? Vo, IReadOnlyList<string> Fqans);

/// <summary>
/// Checks the chain a client sent: the RFC 3820 proxies down from the certificate it authenticated with (checked
/// here, since X509Chain does not understand them), the end-entity certificate against the CA folder, and the
/// VOMS attribute certificates against the vomsdir. A chain that passed is remembered until the first of its
/// validity ends or the folders are read again, so a connection's requests do not repeat the RSA work.
/// </summary>
internal sealed class X509Validator(TrustFolders folders, IOptions<X509AuthOptions> options, TimeProvider clock)
{
    /// <summary>RFC 3820 proxies are made with a start a few minutes back (voms-proxy-init, voms-proxy-fake) against clock skew.</summary>
    private static readonly TimeSpan Backdating = TimeSpan.FromMinutes(5);

    private const int MaxProxies = 10, MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _passed = new(StringComparer.Ordinal);

    private sealed record Remembered(X509Identity Identity, int Generation, DateTimeOffset From, DateTimeOffset Until);

    /// <summary>The identity <paramref name="leaf"/> (with the other certificates the client sent) proves, or why it proves none.</summary>
    public X509Identity? Validate(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> sent, out string? failure)
    {
        failure = null;
        var now = clock.GetUtcNow();
        var trust = folders.Current;
        var key = Key(leaf, sent);
        if (_passed.TryGetValue(key, out var known) && known.Generation == trust.Generation && now >= known.From && now <= known.Until)
            return known.Identity;

        var path = new List<X509Certificate2> { leaf };
        try
        {
            failure = Validate(trust, path, sent, now, out var identity, out var from, out var until);
            if (identity is null) return null;
            if (_passed.Count >= MaxRemembered) _passed.Clear();
            _passed[key] = new Remembered(identity, trust.Generation, from, until);
            return identity;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            failure = $"a certificate or attribute certificate of the chain cannot be read ({e.Message})";
            return null;
        }
    }

    private string? Validate(Trust trust, List<X509Certificate2> path, IReadOnlyList<X509Certificate2> sent, DateTimeOffset now,
        out X509Identity? identity, out DateTimeOffset from, out DateTimeOffset until)
    {
        identity = null;
        from = DateTimeOffset.MinValue;
        until = DateTimeOffset.MaxValue;

        // RFC 3820 §4.1: walk up from the leaf while it is a proxy; its issuer must be among the sent certificates.
        var proxies = new List<ProxyCertificate>();
        while (ProxyCertificate.Of(path[^1]) is { } proxy)
        {
            var current = path[^1];
            if (proxies.Count == MaxProxies) return $"the chain has more than {MaxProxies} proxies";
            var issuer = sent.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData) && SignedData.CertificateIsSignedBy(current, c));
            if (issuer is null)
                return $"the proxy {Dn(current)} is not signed by a certificate the client sent (its issuer {Dn(current.IssuerName)})";
            if (CheckProxy(current, proxy, issuer, proxies.Count, now) is { } refused) return refused;
            proxies.Add(proxy);
            path.Add(issuer);
        }

        var endEntity = path[^1];
        var intermediates = sent.Where(c => !path.Contains(c)).ToArray();
        if (trust.Check(endEntity, intermediates, now, $"the certificate {Dn(endEntity)}") is { } untrusted) return untrusted;

        foreach (var c in path)
        {
            if (c.NotBefore.ToUniversalTime() > from) from = c.NotBefore.ToUniversalTime();
            if (c.NotAfter.ToUniversalTime() < until) until = c.NotAfter.ToUniversalTime();
        }

        string? vo = null;
        var fqans = new List<string>();
        if (options.Value.VomsDir.Length > 0)
        {
            // The attribute certificates of the proxy nearest the end-entity certificate that carries any.
            for (var i = path.Count - 2; i >= 0; i--)
            {
                if (path[i].Extensions[VomsAttributeCertificate.ExtensionOid] is not { } extension) continue;
                foreach (var ac in VomsAttributeCertificate.ReadExtension(extension.RawData))
                {
                    if (CheckAttributeCertificate(trust, ac, endEntity, now) is { } refused) return refused;
                    vo ??= ac.Vo;
                    fqans.AddRange(ac.Fqans);
                    if (ac.NotBefore > from) from = ac.NotBefore;
                    if (ac.NotAfter < until) until = ac.NotAfter;
                }
                break;
            }
        }
        identity = new X509Identity(Dn(endEntity), vo, fqans.Distinct(StringComparer.Ordinal).ToArray());
        return null;
    }

    /// <param name="below">How many proxies the chain has below this one (signed by it, directly or not).</param>
    private static string? CheckProxy(X509Certificate2 proxy, ProxyCertificate info, X509Certificate2 issuer, int below, DateTimeOffset now)
    {
        var name = Dn(proxy);
        if (proxy.Extensions[ProxyCertificate.RfcOid] is { Critical: false }) return $"the ProxyCertInfo extension of {name} is not critical (RFC 3820 §3.8)";
        if (!DistinguishedName.ExtendsByOneCommonName(proxy.SubjectName, issuer.SubjectName, out _))
            return $"the proxy's subject {name} is not its issuer's subject {Dn(issuer)} with one CN more (RFC 3820 §3.4)";
        if (proxy.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
            return $"the proxy {name} claims to be a CA";
        if (!info.Delegates) return $"the proxy {name} has the policy language {info.Language}, which does not speak for its issuer";
        if (info.PathLength is { } limit && below > limit)
            return $"a proxy of a proxy beyond the path length: {name} allows {limit} proxies below it, the chain has {below}";
        if (X509Validity.Check(proxy, now) is { } time) return time;
        if (proxy.NotAfter > issuer.NotAfter || proxy.NotBefore < issuer.NotBefore - Backdating)
            return $"the proxy {name} is valid outside its issuer's validity";
        return null;
    }

    private static string? CheckAttributeCertificate(Trust trust, VomsAttributeCertificate ac, X509Certificate2 endEntity, DateTimeOffset now)
    {
        if (ac.Vo is not { Length: > 0 } vo) return "the VOMS attribute certificate names no VO";
        if (!trust.Voms.Knows(vo)) return $"the VO {vo} has no VOMS server in the vomsdir (no {vo}/<host>.lsc)";
        if (now < ac.NotBefore) return $"the VOMS attribute certificate of {vo} is not yet valid (from {ac.NotBefore:u})";
        if (now > ac.NotAfter) return $"the VOMS attribute certificate of {vo} expired at {ac.NotAfter:u}";
        // RFC 5755 §4.2.2: the holder's issuer and serial; voms-proxy-fake writes the end-entity certificate's
        // subject there instead of its issuer, which is taken too (the serial must be the certificate's either way).
        if ((ac.HolderIssuer != Dn(endEntity.IssuerName) && ac.HolderIssuer != Dn(endEntity)) || !SameSerial(ac.HolderSerial, endEntity))
            return $"the VOMS attribute certificate of {vo} is held by another certificate than {Dn(endEntity)}";
        var server = ac.ServerCertificates.FirstOrDefault(c => Dn(c) == ac.Issuer);
        if (server is null) return $"the VOMS attribute certificate of {vo} carries no certificate of its issuer {ac.Issuer}";
        if (!ac.Signed.IsSignedBy(server)) return $"the VOMS attribute certificate of {vo} is not signed by {ac.Issuer}";
        if (!trust.Voms.Trusts(vo, ac.Issuer, Dn(server.IssuerName)))
            return $"the VOMS server {ac.Issuer} (CA {Dn(server.IssuerName)}) is not listed for {vo} in the vomsdir";
        return trust.Check(server, ac.ServerCertificates.Where(c => c != server), now, $"the VOMS server certificate {ac.Issuer}");
    }

    private static bool SameSerial(byte[] holder, X509Certificate2 certificate) =>
        new System.Numerics.BigInteger(holder, isBigEndian: true) == new System.Numerics.BigInteger(certificate.GetSerialNumber(), isUnsigned: false);

    private static string Dn(X509Certificate2 c) => DistinguishedName.Slash(c.SubjectName);
    private static string Dn(X500DistinguishedName n) => DistinguishedName.Slash(n);

    private static string Key(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> sent)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(leaf.RawData);
        foreach (var c in sent) hash.AppendData(c.RawData);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
