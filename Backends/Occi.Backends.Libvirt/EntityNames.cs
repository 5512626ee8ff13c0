using System.Security.Cryptography;
using System.Text;

namespace Occi.Backends.Libvirt;

/// <summary>
/// How an OCCI entity is named on the host. Names and domain UUIDs derive from occi.core.id alone, so a
/// link's source and target (locations ending in an id) lead straight to their domain, volume or network.
/// </summary>
internal static class EntityNames
{
    public const string Prefix = "occi-";
    public const string StorageSuffix = "-storage";

    /// <summary>Namespace of the name-based UUIDs (RFC 9562 §5.5) made from non-UUID ids.</summary>
    private static readonly Guid UuidNamespace = new("5a0c6a52-8d7e-4c1e-9b7e-0cc1ba7a1b5e");

    public static string Domain(string id) => Prefix + Safe(id);
    public static string Network(string id) => Prefix + Safe(id);
    public static string StorageVolume(string id) => Prefix + Safe(id) + StorageSuffix;
    public static string BootVolume(string id) => Prefix + Safe(id) + "-boot";
    public static string ContextVolume(string id) => Prefix + Safe(id) + "-cidata.iso";

    /// <summary>The id itself when it is a UUID, else a name-based (SHA-1, version 5) UUID of it.</summary>
    public static Guid DomainUuid(string id)
    {
        if (Guid.TryParse(id, out var uuid)) return uuid;
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(id.Length)];
        UuidNamespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(id, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>A locally administered MAC in QEMU's 52:54:00 range, stable for a link id.</summary>
    public static string Mac(string linkId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(linkId), hash);
        return $"52:54:00:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}";
    }

    /// <summary>The occi.core.id a location ends in ("/compute/abc", "http://h/compute/abc/" → "abc").</summary>
    public static string IdFromLocation(string location)
    {
        var path = System.Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute.AbsolutePath
            : location;
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0) path = path[..query];
        path = path.TrimEnd('/');
        var slash = path.LastIndexOf('/');
        return System.Uri.UnescapeDataString(slash >= 0 ? path[(slash + 1)..] : path);
    }

    /// <summary>libvirt names may not hold '/'; keep a conservative set and hash ids too long for a bridge-free name.</summary>
    private static string Safe(string id)
    {
        if (id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return id;
        var sb = new StringBuilder(id.Length);
        foreach (var c in id.Length <= 40 ? id : id[..40]) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.Append('-').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 4))).ToString();
    }
}
