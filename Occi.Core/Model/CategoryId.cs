namespace Occi.Core.Model;

/// <summary>
/// The identity of a category: its scheme concatenated with its term (GFD.183 §4.4.1).
/// Both parts compare case-sensitively; a scheme ends in '#'.
/// </summary>
public readonly record struct CategoryId(string Scheme, string Term)
{
    public string Identity => Scheme + Term;

    /// <summary>Splits "http://x/y#term" at the last '#'. Returns false when there is no '#' or no term.</summary>
    public static bool TryParse(string? identity, out CategoryId id)
    {
        id = default;
        if (string.IsNullOrEmpty(identity)) return false;
        var hash = identity.LastIndexOf('#');
        if (hash <= 0 || hash == identity.Length - 1) return false;
        id = new CategoryId(identity[..(hash + 1)], identity[(hash + 1)..]);
        return true;
    }

    public static CategoryId Parse(string identity) =>
        TryParse(identity, out var id) ? id : throw new FormatException($"'{identity}' is not a category identity (scheme#term)");

    public override string ToString() => Identity;
}
