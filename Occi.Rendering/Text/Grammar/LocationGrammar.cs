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
        Lexical.Uri.After(CharacterRun.Symbol('<')).Before(CharacterRun.Symbol('>', "'>'"))
        .OrElse(Lexical.Uri);

    public static readonly Parser<IReadOnlyList<string>> HeaderValue =
        Single.DelimitedX(Separator(',')).Map(values => (IReadOnlyList<string>)values);
}
