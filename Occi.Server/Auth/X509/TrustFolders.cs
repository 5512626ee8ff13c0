using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.X509;

/// <summary>
/// The CA folder and the vomsdir as last read. Both are looked at again every Occi:Auth:X509:ReloadSeconds (on the
/// injected clock, when a request comes); a folder whose files changed (names, sizes, times) is read again whole,
/// and requests meanwhile go on with the previous reading.
/// </summary>
internal sealed partial class TrustFolders(IOptions<X509AuthOptions> options, TimeProvider clock, ILogger<TrustFolders> log)
{
    private readonly Lock _gate = new();
    private Trust? _current;
    private string _state = "";
    private long _nextLookTicks; // UTC ticks; a long is read whole, a DateTimeOffset may not be

    public Trust Current
    {
        get
        {
            var now = clock.GetUtcNow();
            var current = Volatile.Read(ref _current);
            if (current is not null && now.UtcTicks < Volatile.Read(ref _nextLookTicks)) return current;
            lock (_gate)
            {
                if (_current is not null && now.UtcTicks < _nextLookTicks) return _current;
                Volatile.Write(ref _nextLookTicks, now.AddSeconds(Math.Max(1, options.Value.ReloadSeconds)).UtcTicks);
                var state = State(options.Value);
                if (_current is null || state != _state)
                {
                    Volatile.Write(ref _current, Load(options.Value, (_current?.Generation ?? 0) + 1));
                    _state = state;
                }
                return _current!;
            }
        }
    }

    private static IEnumerable<FileInfo> CaFiles(X509AuthOptions o) =>
        Directory.Exists(o.CaPath) ? new DirectoryInfo(o.CaPath).EnumerateFiles() : [];

    private static IEnumerable<FileInfo> Files(X509AuthOptions o) =>
        o.VomsDir.Length > 0 && Directory.Exists(o.VomsDir)
            ? CaFiles(o).Concat(new DirectoryInfo(o.VomsDir).EnumerateFiles("*.lsc", SearchOption.AllDirectories))
            : CaFiles(o);

    private static string State(X509AuthOptions o)
    {
        var text = new StringBuilder();
        foreach (var f in Files(o).OrderBy(f => f.FullName, StringComparer.Ordinal))
            text.Append(f.FullName).Append('|').Append(f.Length).Append('|').Append(f.LastWriteTimeUtc.Ticks).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private Trust Load(X509AuthOptions o, int generation)
    {
        var roots = new X509Certificate2Collection();
        var intermediates = new X509Certificate2Collection();
        var crls = new List<RevocationList>();
        foreach (var file in CaFiles(o))
        {
            var extension = file.Extension.TrimStart('.');
            try
            {
                if (extension.Length == 1 && char.IsAsciiDigit(extension[0]))
                {
                    foreach (var ca in Pem.Certificates(File.ReadAllBytes(file.FullName)))
                        (ca.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData) ? roots : intermediates).Add(ca);
                }
                else if (extension.Length == 2 && extension[0] == 'r' && char.IsAsciiDigit(extension[1]))
                {
                    crls.Add(RevocationList.Read(Pem.Decode(File.ReadAllBytes(file.FullName), "X509 CRL")));
                }
            }
            catch (Exception e) when (e is CryptographicException or FormatException or IOException or System.Formats.Asn1.AsnContentException)
            {
                LogUnreadable(log, file.FullName, e.Message);
            }
        }
        var cas = roots.Concat(intermediates).ToArray();
        var verified = new List<RevocationList>();
        foreach (var crl in crls)
        {
            // Only a CRL its own CA signed counts: one signed by another key could revoke nothing it may speak for.
            if (cas.Any(ca => DistinguishedName.Slash(ca.SubjectName) == crl.Issuer && crl.IsSignedBy(ca))) verified.Add(crl);
            else LogUnverifiedCrl(log, crl.Issuer);
        }
        var lsc = o.VomsDir.Length > 0 && Directory.Exists(o.VomsDir) ? VomsServers.Load(o.VomsDir) : VomsServers.Empty;
        LogLoaded(log, roots.Count + intermediates.Count, verified.Count, lsc.Count, generation);
        return new Trust(roots, intermediates, verified.ToLookup(c => c.Issuer, StringComparer.Ordinal), lsc, generation);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "X509: cannot read {File} of the CA folder: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "X509: the CRL of {Issuer} is not signed by that CA of the CA folder and is ignored")]
    private static partial void LogUnverifiedCrl(ILogger logger, string issuer);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "X509: {Cas} CAs, {Crls} CRLs, {Vos} VOs with VOMS servers read (reading {Generation})")]
    private static partial void LogLoaded(ILogger logger, int cas, int crls, int vos, int generation);
}

/// <summary>One reading of the CA folder and vomsdir.</summary>
internal sealed class Trust(
    X509Certificate2Collection roots, X509Certificate2Collection intermediates, ILookup<string, RevocationList> crls, VomsServers voms, int generation)
{
    public VomsServers Voms { get; } = voms;

    /// <summary>Counts readings, so results remembered from an older one are not used.</summary>
    public int Generation { get; } = generation;

    /// <summary>
    /// Why <paramref name="certificate"/> (an end-entity or VOMS server certificate) is not trusted at
    /// <paramref name="now"/>, or null: its chain to a CA of the folder (with <paramref name="extra"/> as
    /// possible intermediates), every certificate of it within its validity, none revoked by the folder's CRLs.
    /// </summary>
    public string? Check(X509Certificate2 certificate, IEnumerable<X509Certificate2> extra, DateTimeOffset now, string what)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(roots);
        policy.ExtraStore.AddRange(intermediates);
        foreach (var c in extra) policy.ExtraStore.Add(c);
        // Revocation is checked below against the folder's CRLs only: offline, nothing fetched.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        var built = chain.Build(certificate);
        var elements = chain.ChainElements.Select(e => e.Certificate).ToArray();
        foreach (var c in elements)
            if (X509Validity.Check(c, now) is { } time) return time;
        if (!built)
        {
            var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (f, s) => f | s.Status);
            return (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0
                ? $"{what} is not issued by a CA of the CA folder"
                : $"{what} does not validate ({flags})";
        }
        for (var i = 0; i + 1 < elements.Length; i++)
            if (crls[DistinguishedName.Slash(elements[i].IssuerName)].Any(crl => crl.Revokes(elements[i])))
                return $"{DistinguishedName.Slash(elements[i].SubjectName)} is revoked by its CA's CRL";
        return null;
    }
}
