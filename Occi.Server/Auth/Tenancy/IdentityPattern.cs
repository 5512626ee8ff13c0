using System.Text.RegularExpressions;

namespace Occi.Server.Auth.Tenancy;

/// <summary>
/// One value of a mapping rule: matched whole and case-sensitively, <c>*</c> standing for any run of characters
/// (slashes included). Compiled once when the file is read, on the non-backtracking engine.
/// </summary>
internal sealed class IdentityPattern
{
    private readonly string _text;
    private readonly Regex? _wildcards;

    public IdentityPattern(string text)
    {
        _text = text;
        if (text.Contains('*'))
            _wildcards = new Regex("^" + string.Join(".*", text.Split('*').Select(Regex.Escape)) + "$",
                RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public bool Matches(string value) => _wildcards?.IsMatch(value) ?? string.Equals(_text, value, StringComparison.Ordinal);

    public override string ToString() => _text;
}
