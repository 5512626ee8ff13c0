using Sprache;
using static Occi.Rendering.Text.Grammar.Lexical;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// GFD.185 §3.4.5: Location = "X-OCCI-Location" ":" location-value; location-value = URI-reference,
/// several comma-separated (RFC 2616 #list, GFD.185 §3.4). A URI in angle brackets is accepted too.
/// </summary>
internal static class LocationGrammar
{
    private static readonly Parser<string> Single =
        (from open in Parse.Char('<') from uri in Lexical.Uri from close in Parse.Char('>').Named("'>'") select uri)
        .Or(Lexical.Uri);

    public static readonly Parser<IReadOnlyList<string>> HeaderValue =
        from values in Single.XDelimitedBy(Separator(','))
        select (IReadOnlyList<string>)values.ToArray();
}
