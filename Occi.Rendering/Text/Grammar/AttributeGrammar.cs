using Occi.Core.Attributes;
using Sprache;
using static Occi.Rendering.Text.Grammar.Lexical;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// GFD.185 §3.4.4:
/// <code>
/// Attribute      = "X-OCCI-Attribute" ":" #attribute-repr
/// attribute-repr = attribute-name "=" ( string | number | bool | enum_val )
/// </code>
/// Quoted values are strings, bare integers Integer, bare decimals Number, true/false Boolean; any other
/// bare word a string; a number beyond a double's range is an error (<see cref="NumberRange"/>). A trailing ";" is tolerated (rOCCI's samples end lines with one).
/// </summary>
internal static class AttributeGrammar
{
    public static readonly Parser<KeyValuePair<string, AttributeValue>> Single =
        AttributeNameToken.Before(Separator('=')).Bind((name, rest) => AttributeValueOf(name, rest) is var value && value.WasSuccessful
            ? Result.Success(new KeyValuePair<string, AttributeValue>(name, value.Value), value.Remainder)
            : Sequencing.Fail<AttributeValue, KeyValuePair<string, AttributeValue>>(value));

    public static readonly Parser<IReadOnlyList<KeyValuePair<string, AttributeValue>>> HeaderValue =
        Single.DelimitedX(Separator(',')).Before(Separator(';').Optionally()).Map(values => (IReadOnlyList<KeyValuePair<string, AttributeValue>>)values);
}
