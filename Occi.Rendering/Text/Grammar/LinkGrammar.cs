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
        from open in Parse.Char('<')
        from uri in Parse.Char(c => !IsControl(c) && c is not ('>' or '<' or ' ' or '\t' or '"'), "URI").AtLeastOnce().Text()
        from close in Parse.Char('>').Named("'>'")
        select uri;

    private static readonly Parser<string> QuotedOrBareUri = QuotedString.Or(Lexical.Uri);

    private static readonly Parser<string> WholeAttributeName = AttributeNameToken.End();

    private static readonly Parser<Param> Parameter = input =>
    {
        var name = Name(input);
        if (!name.WasSuccessful) return Result.Failure<Param>(name.Remainder, name.Message, name.Expectations);
        var key = name.Value.ToLowerInvariant();
        Parser<Param> rest = key switch
        {
            "rel" => from eq in Separator('=') from ids in TypeIdentifierList select new Param(key, ids),
            "self" => from eq in Separator('=') from uri in QuotedOrBareUri select new Param(key, uri),
            "category" => from eq in Separator('=') from ids in TypeIdentifierList select new Param(key, ids),
            _ => from attr in WholeAttributeName(new TextInput(name.Value)).WasSuccessful
                     ? Parse.Return(name.Value)
                     : Fail<string>($"'{name.Value}' is not an attribute name")
                 from eq in Separator('=')
                 from value in TypedValue
                 select new Param(attr, new KeyValuePair<string, AttributeValue>(attr, value)),
        };
        return rest(name.Remainder);
    };

    private static readonly Parser<Param?> Separated =
        from sep in Separator(';').Or(Atomic(Ws1.Return(' ')))
        from p in Parameter.XOptional()
        select p.IsDefined ? p.Get() : null;

    public static readonly Parser<LinkValue> Single =
        from target in Target
        from parameters in Separated.XMany()
        from value in Build(target, parameters)
        select value;

    private static Parser<LinkValue> Build(string target, IEnumerable<Param?> parameters)
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
                default: return Fail<LinkValue>($"link <{target}>: parameter '{p.Name}' is given twice");
            }
        }
        return Parse.Return(new LinkValue(target, rel ?? [], self, categories ?? [], attributes));
    }

    public static readonly Parser<IReadOnlyList<LinkValue>> HeaderValue =
        from values in Single.XDelimitedBy(Separator(','))
        select (IReadOnlyList<LinkValue>)values.ToArray();
}
