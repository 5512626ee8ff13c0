using Sprache;
using static Occi.Rendering.Text.Grammar.Lexical;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// The four rendering structures by name (GFD.185 §3.4: "Four specific rendering structures are only ever
/// used"), compared case-insensitively ("category:", rOCCI's "X-Occi-Attribute"), and a text/plain body line:
/// <c>name ":" value</c>. rOCCI also writes a literal backslash-n between two structures on one line; it is
/// accepted as a line break (outside quotes a backslash has no other meaning).
/// </summary>
internal static class FieldGrammar
{
    public const string Category = "Category";
    public const string Link = "Link";
    public const string Attribute = "X-OCCI-Attribute";
    public const string Location = "X-OCCI-Location";

    private static readonly Parser<string> TrailingSpace = Ows.End();

    private static readonly Parser<Action<TextMessage>> CategoryValues =
        CategoryGrammar.HeaderValue.Map(v => (Action<TextMessage>)(m => m.Categories.AddRange(v)));
    private static readonly Parser<Action<TextMessage>> LinkValues =
        LinkGrammar.HeaderValue.Map(v => (Action<TextMessage>)(m => m.Links.AddRange(v)));
    private static readonly Parser<Action<TextMessage>> AttributeValues =
        AttributeGrammar.HeaderValue.Map(v => (Action<TextMessage>)(m => m.Attributes.AddRange(v)));
    private static readonly Parser<Action<TextMessage>> LocationValues =
        LocationGrammar.HeaderValue.Map(v => (Action<TextMessage>)(m => m.Locations.AddRange(v)));

    /// <summary>The value grammar of a structure, as an action that adds what it read; null for other headers.</summary>
    public static Parser<Action<TextMessage>>? ValueOf(string name) =>
        name.Equals(Category, StringComparison.OrdinalIgnoreCase) ? CategoryValues
        : name.Equals(Link, StringComparison.OrdinalIgnoreCase) ? LinkValues
        : name.Equals(Attribute, StringComparison.OrdinalIgnoreCase) ? AttributeValues
        : name.Equals(Location, StringComparison.OrdinalIgnoreCase) ? LocationValues
        : null;

    private static readonly Parser<Action<TextMessage>> CategoryHeader = WholeValue(CategoryValues);
    private static readonly Parser<Action<TextMessage>> LinkHeader = WholeValue(LinkValues);
    private static readonly Parser<Action<TextMessage>> AttributeHeader = WholeValue(AttributeValues);
    private static readonly Parser<Action<TextMessage>> LocationHeader = WholeValue(LocationValues);

    /// <summary>A text/occi header value: the structure's grammar over the whole value; null for other headers.</summary>
    public static Parser<Action<TextMessage>>? HeaderValueOf(string name) =>
        name.Equals(Category, StringComparison.OrdinalIgnoreCase) ? CategoryHeader
        : name.Equals(Link, StringComparison.OrdinalIgnoreCase) ? LinkHeader
        : name.Equals(Attribute, StringComparison.OrdinalIgnoreCase) ? AttributeHeader
        : name.Equals(Location, StringComparison.OrdinalIgnoreCase) ? LocationHeader
        : null;

    public static bool IsStructure(string name) =>
        name.Equals(Category, StringComparison.OrdinalIgnoreCase) || name.Equals(Link, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Attribute, StringComparison.OrdinalIgnoreCase) || name.Equals(Location, StringComparison.OrdinalIgnoreCase);

    private static Parser<Action<TextMessage>> WholeValue(Parser<Action<TextMessage>> value) =>
        value.After(Ows).Before(TrailingSpace);

    private static readonly Parser<Action<TextMessage>> Field =
        Name.Before(Separator(':')).Bind((name, rest) => ValueOf(name) is { } value
            ? value(rest)
            : Result.Failure<Action<TextMessage>>(rest,
                $"'{name}' is not an OCCI rendering structure (Category, Link, X-OCCI-Attribute or X-OCCI-Location)", []));

    /// <summary>True when a line opens a new structure ("  Category: …"), not a folded continuation.</summary>
    public static readonly Parser<string> StructureStart =
        Name.Where(IsStructure).After(Ows).Before(Separator(':'));

    /// <summary>One logical body line (continuations folded in): one or more structures.</summary>
    public static readonly Parser<List<Action<TextMessage>>> BodyLine =
        Field.DelimitedX(Atomic(Ows.After(CharacterRun.Literal("\\n"))))
            .After(Ows).Before(TrailingSpace);
}
