namespace Occi.Server.Tests.Support;

/// <summary>Category lines of the renderings tests send.</summary>
public static class OcciText
{
    public const string Infra = "http://schemas.ogf.org/occi/infrastructure#";
    public const string ComputeCategory = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    public const string StorageCategory = "Category: storage; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    public const string NetworkCategory = "Category: network; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";

    public static string Action(string kind, string term) =>
        $"Category: {term}; scheme=\"http://schemas.ogf.org/occi/infrastructure/{kind}/action#\"; class=\"action\"";

    /// <summary>The X-OCCI-Location values (or uri-list lines) of a text body.</summary>
    public static IReadOnlyList<string> Locations(string body) =>
        body.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.StartsWith("X-OCCI-Location:", StringComparison.OrdinalIgnoreCase) ? l["X-OCCI-Location:".Length..].Trim() : l)
            .Where(l => l.StartsWith("http", StringComparison.Ordinal))
            .ToArray();

    /// <summary>The value of X-OCCI-Attribute name=... in a text/plain body, unquoted; null when absent.</summary>
    public static string? Attribute(string body, string name)
    {
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("X-OCCI-Attribute:", StringComparison.OrdinalIgnoreCase)) continue;
            var rest = line["X-OCCI-Attribute:".Length..].Trim();
            if (!rest.StartsWith(name + "=", StringComparison.Ordinal)) continue;
            var value = rest[(name.Length + 1)..];
            return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"").Replace("\\\\", "\\") : value;
        }
        return null;
    }
}
