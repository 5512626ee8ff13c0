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
        Parse.IgnoreCase("immutable").Text().Or(Parse.IgnoreCase("required").Text()).Select(p => p.ToLowerInvariant());

    private static readonly Parser<AttributeSpec> AttributeDef =
        from name in AttributeNameToken
        from props in (
            from open in Parse.Char('{')
            from lead in Ows
            from list in AttributeProperty.Then(p => Ows.Return(p)).XMany()
            from close in Parse.Char('}').Named("'}'")
            select list.ToArray()).XOptional()
        let p = props.GetOrElse([])
        select new AttributeSpec(name, p.Contains("immutable"), p.Contains("required"));

    private static readonly Parser<IReadOnlyList<AttributeSpec>> AttributeList =
        from open in Parse.Char('"')
        from lead in Ows
        from defs in AttributeDef.Then(d => Ows.Return(d)).XMany()
        from close in Parse.Char('"').Named("closing quote")
        select (IReadOnlyList<AttributeSpec>)defs.ToArray();

    private static readonly Parser<string> Class =
        from value in Value
        from valid in value.ToLowerInvariant() is "kind" or "mixin" or "action"
            ? Parse.Return(value.ToLowerInvariant())
            : Fail<string>($"class '{value}' is not kind, mixin or action")
        select valid;

    private static readonly Parser<string> Scheme =
        from value in Value
        from valid in value.EndsWith('#') ? Parse.Return(value) : Fail<string>($"scheme '{value}' must end in '#'")
        select valid;

    private static Parser<object?> ValueOf(string name) => name.ToLowerInvariant() switch
    {
        "scheme" => Scheme,
        "class" => Class,
        "title" => Value,
        "rel" => TypeIdentifierList,
        "location" => Value,
        "attributes" => AttributeList.Or(AttributeDef.Select(d => (IReadOnlyList<AttributeSpec>)[d])),
        "actions" => TypeIdentifierList,
        _ => Value,
    };

    private static readonly Parser<Param> Parameter =
        from name in Name
        from eq in Ows.Then(_ => Parse.Char('=')).Then(_ => Ows)
        from value in ValueOf(name)
        select new Param(name.ToLowerInvariant(), value);

    private static readonly Parser<Param?> Separated =
        from sep in Separator(';')
        from p in Parameter.XOptional()
        select p.IsDefined ? p.Get() : null;

    // GFD.185's own complete example forgets a ";" at a line break ("scheme=\"…#\"\n class=\"kind\";"):
    // after the first parameter, white space alone also separates parameters.
    private static readonly Parser<Param?> SpaceSeparated =
        from sep in Atomic(Ws1)
        from p in Parameter.XOptional()
        select p.IsDefined ? p.Get() : null;

    public static readonly Parser<CategoryValue> Single =
        from term in Term
        from parameters in (
            from first in Separated
            from rest in Separated.XOr(SpaceSeparated).XMany()
            select rest.Prepend(first)).XOptional()
        from value in Build(term, parameters.GetOrElse([]))
        select value;

    private static Parser<CategoryValue> Build(string term, IEnumerable<Param?> parameters)
    {
        var seen = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (p is null) continue;
            if (!seen.TryAdd(p.Name, p.Value)) return Fail<CategoryValue>($"category '{term}': parameter '{p.Name}' is given twice");
        }
        if (seen.GetValueOrDefault("scheme") is not string scheme)
            return Fail<CategoryValue>($"category '{term}' has no scheme");
        return Parse.Return(new CategoryValue(
            new CategoryId(scheme, term),
            seen.GetValueOrDefault("class") as string,
            seen.GetValueOrDefault("title") as string,
            seen.GetValueOrDefault("rel") as IReadOnlyList<CategoryId> ?? [],
            seen.GetValueOrDefault("location") as string,
            seen.GetValueOrDefault("attributes") as IReadOnlyList<AttributeSpec> ?? [],
            seen.GetValueOrDefault("actions") as IReadOnlyList<CategoryId> ?? []));
    }

    /// <summary>#category-value: comma-separated, a trailing ";" tolerated before each comma.</summary>
    public static readonly Parser<IReadOnlyList<CategoryValue>> HeaderValue =
        from values in Single.XDelimitedBy(Separator(','))
        select (IReadOnlyList<CategoryValue>)values.ToArray();
}
