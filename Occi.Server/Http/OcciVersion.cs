namespace Occi.Server.Http;

/// <summary>
/// GFD.185 §3.6: clients declare their OCCI version in User-Agent ("OCCI/1.1"). This server speaks
/// 1.1 and the 1.2 renderings; a request declaring a newer version gets 501 Not Implemented.
/// </summary>
internal static class OcciVersion
{
    public const string ServerHeader = "OcciGateway OCCI/1.1";

    /// <summary>The declared version when it is newer than 1.2; null when acceptable or undeclared.</summary>
    public static string? Unsupported(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return null;
        var at = userAgent.IndexOf("OCCI/", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = userAgent.AsSpan(at + 5);
        var end = rest.IndexOfAny(' ', ';', ',');
        var version = end < 0 ? rest : rest[..end];
        var dot = version.IndexOf('.');
        if (dot <= 0 || !int.TryParse(version[..dot], out var major) || !int.TryParse(version[(dot + 1)..], out var minor)) return null;
        return major > 1 || (major == 1 && minor > 2) ? version.ToString() : null;
    }
}
