using System.Text;

namespace Occi.Storage.Embedded;

/// <summary>SQLite GLOB patterns over locations.</summary>
internal static class LocationGlob
{
    /// <summary>
    /// A pattern matching strings that start with <paramref name="prefix"/>: GLOB is case-sensitive
    /// (locations are) and SQLite can answer it from the location index. Its wildcards are escaped by
    /// bracketing them ('*' → "[*]").
    /// </summary>
    public static string Prefix(string prefix)
    {
        var sb = new StringBuilder(prefix.Length + 4);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[') sb.Append('[').Append(c).Append(']');
            else sb.Append(c);
        }
        return sb.Append('*').ToString();
    }
}
