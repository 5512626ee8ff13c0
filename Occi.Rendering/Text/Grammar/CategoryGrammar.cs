using Occi.Core.Model;
using Sprache;
using static Occi.Rendering.Text.Grammar.Lexical;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// GFD.185 §3.4.1:
/// <code>
/// Category       = "Category" ":" #category-value
/// category-value = term ";" "scheme" "=" &lt;"&gt; scheme &lt;"&gt; ";" "class" "=" ( class | &lt;"&gt; class &lt;"&gt; )
///                  [ ";" "title" "=" quoted-string ] [ ";" "rel" "=" &lt;"&gt; type-identifier &lt;"&gt; ]
///                  [ ";" "location" "=" &lt;"&gt; URI &lt;"&gt; ] [ ";" "attributes" "=" &lt;"&gt; attribute-list &lt;"&gt; ]
///                  [ ";" "actions" "=" &lt;"&gt; action-list &lt;"&gt; ]
/// </code>
/// Parsing is lenient where clients are: parameters in any order, names in any case, values quoted or bare,
/// class optional (the model then decides), a trailing ";", several type identifiers in rel (OCCI 1.2),
/// unknown parameters ignored. A parameter given twice and a scheme not ending in '#' are errors.
/// </summary>
internal static class CategoryGrammar
{
    private sealed record Param(string Name, object? Value);

    // attribute-def = attribute-name [ "{" attribute-property *( 1*SP attribute-property ) "}" ]
    private static readonly Parser<string> AttributeProperty =
        CharacterRun.Literal("immutable", ignoreCase: true).OrElse(CharacterRun.Literal("required", ignoreCase: true));

    private static readonly Parser<List<string>> AttributeProperties =
        AttributeProperty.Before(Ows).ManyX().After(Ows.After(CharacterRun.Symbol('{'))).Before(CharacterRun.Symbol('}', "'}'"));

    private static readonly Parser<AttributeSpec> AttributeDef =
        AttributeNameToken.Seq(AttributeProperties.OrNone(),
            (name, p) => new AttributeSpec(name, p?.Contains("immutable") == true, p?.Contains("required") == true));

    private static readonly Parser<IReadOnlyList<AttributeSpec>> AttributeList =
        Quoted(AttributeDef.Before(Ows).ManyX()).Map(defs => (IReadOnlyList<AttributeSpec>)defs)
        .OrElse(AttributeDef.Map(d => (IReadOnlyList<AttributeSpec>)[d]));

    private static readonly Parser<string> Class = Value.Bind((value, rest) =>
        ClassName(value) is { } name
            ? Result.Success(name, rest)
            : Result.Failure<string>(rest, $"class '{value}' is not kind, mixin or action", []));

    /// <summary>The class in its canonical spelling, letter case aside. ASCII only: lower-casing would also turn the Kelvin sign into a "k".</summary>
    private static string? ClassName(string value) =>
        value.Equals("kind", StringComparison.OrdinalIgnoreCase) ? "kind"
        : value.Equals("mixin", StringComparison.OrdinalIgnoreCase) ? "mixin"
        : value.Equals("action", StringComparison.OrdinalIgnoreCase) ? "action"
        : null;

    private static readonly Parser<string> Scheme = Value.Bind((value, rest) =>
        value.EndsWith('#') ? Result.Success(value, rest) : Result.Failure<string>(rest, $"scheme '{value}' must end in '#'", []));

    private static readonly Parser<object?> SchemeValue = Scheme.Map(v => (object?)v);
    private static readonly Parser<object?> ClassValue = Class.Map(v => (object?)v);
    private static readonly Parser<object?> TextValue = Value.Map(v => (object?)v);
    private static readonly Parser<object?> TypeIdentifiersValue = TypeIdentifierList.Map(v => (object?)v);
    private static readonly Parser<object?> AttributesValue = AttributeList.Map(v => (object?)v);

    private static Parser<object?> ValueOf(string name) => name switch
    {
        "scheme" => SchemeValue,
        "class" => ClassValue,
        "rel" or "actions" => TypeIdentifiersValue,
        "attributes" => AttributesValue,
        _ => TextValue, // title, location, and parameters this grammar ignores
    };

    private static readonly Parser<Param> Parameter =
        Name.Before(CharacterRun.Symbol('=').After(Ows).Before(Ows)).Bind((name, rest) =>
        {
            var key = name.ToLowerInvariant();
            var value = ValueOf(key)(rest);
            return value.WasSuccessful ? Result.Success(new Param(key, value.Value), value.Remainder) : Sequencing.Fail<object?, Param>(value);
        });

    private static readonly Parser<Param?> Separated = Parameter.OrNone().After(Separator(';'));

    // GFD.185's own complete example forgets a ";" at a line break ("scheme=\"…#\"\n class=\"kind\";"):
    // after the first parameter, white space alone also separates parameters.
    private static readonly Parser<Param?> SpaceSeparated = Parameter.OrNone().After(Atomic(Ws1));

    private static readonly Parser<List<Param?>> Parameters =
        Separated.Seq(Separated.OrX(SpaceSeparated).ManyX(), (first, rest) =>
        {
            rest.Insert(0, first);
            return rest;
        });

    public static readonly Parser<CategoryValue> Single =
        Term.Seq(Parameters.OrNone(), (term, parameters) => (term, parameters))
            .Bind((t, rest) => Build(t.term, t.parameters ?? [], rest));

    private static IResult<CategoryValue> Build(string term, List<Param?> parameters, IInput rest)
    {
        var seen = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (p is null) continue;
            if (!seen.TryAdd(p.Name, p.Value)) return Result.Failure<CategoryValue>(rest, $"category '{term}': parameter '{p.Name}' is given twice", []);
        }
        if (seen.GetValueOrDefault("scheme") is not string scheme)
            return Result.Failure<CategoryValue>(rest, $"category '{term}' has no scheme", []);
        return Result.Success(new CategoryValue(
            new CategoryId(scheme, term),
            seen.GetValueOrDefault("class") as string,
            seen.GetValueOrDefault("title") as string,
            seen.GetValueOrDefault("rel") as IReadOnlyList<CategoryId> ?? [],
            seen.GetValueOrDefault("location") as string,
            seen.GetValueOrDefault("attributes") as IReadOnlyList<AttributeSpec> ?? [],
            seen.GetValueOrDefault("actions") as IReadOnlyList<CategoryId> ?? []), rest);
    }

    /// <summary>#category-value: comma-separated, a trailing ";" tolerated before each comma.</summary>
    public static readonly Parser<IReadOnlyList<CategoryValue>> HeaderValue =
        Single.DelimitedX(Separator(',')).Map(values => (IReadOnlyList<CategoryValue>)values);
}
