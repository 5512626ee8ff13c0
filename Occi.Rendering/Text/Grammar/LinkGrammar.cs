using Occi.Core.Attributes;
using Occi.Core.Model;
using Sprache;
using static Occi.Rendering.Text.Grammar.Lexical;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// GFD.185 §3.4.2 (links) and §3.4.3 (action links):
/// <code>
/// Link           = "Link" ":" #link-value
/// link-value     = "&lt;" URI-Reference "&gt;" ";" "rel" "=" &lt;"&gt; resource-type &lt;"&gt;
///                  [ ";" "self" "=" &lt;"&gt; link-instance &lt;"&gt; ]
///                  [ ";" "category" "=" link-type *( ";" link-attribute ) ]
/// link-attribute = attribute-name "=" ( token | quoted-string )
/// </code>
/// Lenient as clients are: parameters in any order, link attributes also separated by white space only
/// (rOCCI), rel optional (the server decides whether it needs it).
/// </summary>
internal static class LinkGrammar
{
    private sealed record Param(string Name, object Value);

    private static readonly Parser<string> Target =
        CharacterRun.Of(c => !IsControl(c) && c is not ('>' or '<' or ' ' or '\t' or '"'), "URI")
            .After(CharacterRun.Symbol('<')).Before(CharacterRun.Symbol('>', "'>'"));

    private static readonly Parser<string> QuotedOrBareUri = QuotedString.OrElse(Lexical.Uri);

    private static readonly Parser<char> EqualsSign = Separator('=');
    private static readonly Parser<string> WholeAttributeName = AttributeNameToken.End();
    private static readonly Parser<Param> Rel = TypeIdentifierList.After(EqualsSign).Map(ids => new Param("rel", ids));
    private static readonly Parser<Param> Self = QuotedOrBareUri.After(EqualsSign).Map(uri => new Param("self", uri));
    private static readonly Parser<Param> Category = TypeIdentifierList.After(EqualsSign).Map(ids => new Param("category", ids));

    private static readonly Parser<Param> Parameter = Name.Bind((name, rest) =>
    {
        switch (name.ToLowerInvariant())
        {
            case "rel": return Rel(rest);
            case "self": return Self(rest);
            case "category": return Category(rest);
        }
        if (!WholeAttributeName(new TextInput(name)).WasSuccessful)
            return Result.Failure<Param>(rest, $"'{name}' is not an attribute name", []);
        var equals = EqualsSign(rest);
        if (!equals.WasSuccessful) return Sequencing.Fail<char, Param>(equals);
        var value = AttributeValueOf(name, equals.Remainder);
        return value.WasSuccessful
            ? Result.Success(new Param(name, new KeyValuePair<string, AttributeValue>(name, value.Value)), value.Remainder)
            : Sequencing.Fail<AttributeValue, Param>(value);
    });

    private static readonly Parser<Param?> Separated = Parameter.OrNone().After(Separator(';').OrElse(Atomic(Ws1).Map(_ => ' ')));

    public static readonly Parser<LinkValue> Single =
        Target.Seq(Separated.ManyX(), (target, parameters) => (target, parameters))
            .Bind((t, rest) => Build(t.target, t.parameters, rest));

    private static IResult<LinkValue> Build(string target, List<Param?> parameters, IInput rest)
    {
        IReadOnlyList<CategoryId>? rel = null, categories = null;
        string? self = null;
        var attributes = new List<KeyValuePair<string, AttributeValue>>();
        foreach (var p in parameters)
        {
            switch (p)
            {
                case null: break;
                case { Name: "rel", Value: IReadOnlyList<CategoryId> ids } when rel is null: rel = ids; break;
                case { Name: "self", Value: string s } when self is null: self = s; break;
                case { Name: "category", Value: IReadOnlyList<CategoryId> ids } when categories is null: categories = ids; break;
                case { Value: KeyValuePair<string, AttributeValue> attribute }: attributes.Add(attribute); break;
                default: return Result.Failure<LinkValue>(rest, $"link <{target}>: parameter '{p.Name}' is given twice", []);
            }
        }
        return Result.Success(new LinkValue(target, rel ?? [], self, categories ?? [], attributes), rest);
    }

    public static readonly Parser<IReadOnlyList<LinkValue>> HeaderValue =
        Single.DelimitedX(Separator(',')).Map(values => (IReadOnlyList<LinkValue>)values);
}
