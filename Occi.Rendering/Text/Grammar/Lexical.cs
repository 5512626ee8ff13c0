using System.Globalization;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Sprache;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// The lexical rules shared by the four rendering structures (GFD.185 §3.1: quoted-string, token, SP,
/// LOALPHA, DIGIT from RFC 2616), widened where OCCI 1.2 and real clients are: upper case in names and terms,
/// bare (unquoted) parameter values, JSON-style escapes inside quoted strings.
/// </summary>
internal static class Lexical
{
    /// <summary>Optional white space; header values may carry folded line breaks too.</summary>
    public static readonly Parser<string> Ows = Parse.Chars(' ', '\t', '\r', '\n').Many().Text();

    /// <summary>At least one white space character (separates list items: "a b", rOCCI link attributes).</summary>
    public static readonly Parser<string> Ws1 = Parse.Chars(' ', '\t', '\r', '\n').AtLeastOnce().Text();

    public static bool IsControl(char c) => c < ' ' && c != '\t' || c == '\u007f';

    private static readonly Parser<char> Hex =
        Parse.Char(c => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F', "hexadecimal digit");

    // RFC 2616 quoted-pair ("\" CHAR stands for CHAR), plus \n \r \t \uXXXX so values with line breaks
    // and non-ASCII characters survive text/occi headers, which must stay ASCII.
    private static readonly Parser<char> Escape =
        from backslash in Parse.Char('\\')
        from c in
            (from u in Parse.Char('u') from hex in Hex.Repeat(4).Text() select (char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .Or(Parse.Char('n').Return('\n'))
            .Or(Parse.Char('r').Return('\r'))
            .Or(Parse.Char('t').Return('\t'))
            .Or(Parse.Char(c => !IsControl(c), "escaped character"))
        select c;

    private static readonly Parser<char> QuotedChar =
        Parse.Char(c => c != '"' && c != '\\' && !IsControl(c), "character").Or(Escape);

    /// <summary>quoted-string: the unescaped content.</summary>
    public static readonly Parser<string> QuotedString =
        from open in Parse.Char('"')
        from content in QuotedChar.Many().Text()
        from close in Parse.Char('"').Named("closing quote")
        select content;

    private static bool IsBareChar(char c) =>
        !IsControl(c) && c is not (' ' or '\t' or ';' or ',' or '"' or '\\' or '<' or '>');

    /// <summary>An unquoted value: GFD.185's token, widened to URIs ("location=/compute/", "rel=http://…#resource").</summary>
    public static readonly Parser<string> BareValue = Parse.Char(IsBareChar, "value").AtLeastOnce().Text();

    /// <summary>A parameter value, quoted or bare.</summary>
    public static readonly Parser<string> Value = QuotedString.Or(BareValue);

    /// <summary>A parameter or header name (RFC 2616 token characters that names use).</summary>
    public static readonly Parser<string> Name =
        Parse.Char(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', "name character").AtLeastOnce().Text();

    // GFD.185: term = LOALPHA *( LOALPHA | DIGIT | "-" | "_" ); OCCI 1.2 also allows upper case and a leading digit.
    private static readonly Parser<char> TermStart = Parse.Char(char.IsAsciiLetterOrDigit, "term");
    private static readonly Parser<char> TermChar = Parse.Char(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', "term character");

    public static readonly Parser<string> Term =
        from first in TermStart
        from rest in TermChar.Many().Text()
        select first + rest;

    public static bool IsTerm(string s) => s.Length > 0 && Term.End().TryParse(s).WasSuccessful;

    // GFD.185: attr-component = LOALPHA *( LOALPHA | DIGIT | "-" | "_" ); OCCI 1.2 allows upper case.
    // Kept identical to AttributeName.IsValid so an AttributeDefinition built from a parsed name never throws.
    private static readonly Parser<string> AttrComponent =
        from first in Parse.Char(char.IsAsciiLetter, "attribute name")
        from rest in Parse.Char(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_', "attribute name character").Many().Text()
        select first + rest;

    public static readonly Parser<string> AttributeNameToken =
        from first in AttrComponent
        from rest in (from dot in Parse.Char('.') from c in AttrComponent select "." + c).Many()
        select first + string.Concat(rest);

    private static bool IsUriChar(char c) =>
        !IsControl(c) && c is not (' ' or '\t' or '"' or '<' or '>' or '\\' or ',' or ';');

    /// <summary>A URI reference as it appears in a list (no white space, quotes, commas or semicolons).</summary>
    public static readonly Parser<string> Uri = Parse.Char(IsUriChar, "URI").AtLeastOnce().Text();

    /// <summary>type-identifier = scheme term: a URI ending in "#term", split at the last '#'.</summary>
    public static readonly Parser<CategoryId> TypeIdentifier = input =>
    {
        var uri = Parse.Char(c => IsUriChar(c) && c != '{' && c != '}', "type identifier").AtLeastOnce().Text()(input);
        if (!uri.WasSuccessful) return Result.Failure<CategoryId>(uri.Remainder, uri.Message, uri.Expectations);
        var text = uri.Value;
        var hash = text.LastIndexOf('#');
        if (hash <= 0 || !IsTerm(text[(hash + 1)..]))
            return Result.Failure<CategoryId>(uri.Remainder, $"'{text}' is not a type identifier (scheme#term)", ["scheme#term"]);
        return Result.Success(new CategoryId(text[..(hash + 1)], text[(hash + 1)..]), uri.Remainder);
    };

    /// <summary>White-space separated type identifiers, quoted or (a single one) bare.</summary>
    public static readonly Parser<IReadOnlyList<CategoryId>> TypeIdentifierList =
        (from open in Parse.Char('"')
         from lead in Ows
         from ids in TypeIdentifier.Then(id => Ows.Return(id)).XMany()
         from close in Parse.Char('"').Named("closing quote")
         select (IReadOnlyList<CategoryId>)ids.ToArray())
        .Or(TypeIdentifier.Select(id => (IReadOnlyList<CategoryId>)[id]));

    // GFD.185: number = int | float; int = *DIGIT; float = *DIGIT "." *DIGIT. A sign and an exponent are
    // accepted too (rOCCI and JSON habits).
    private static readonly Parser<string> Digits = Parse.Char(char.IsAsciiDigit, "digit").AtLeastOnce().Text();

    private static readonly Parser<AttributeValue> NumberLiteral =
        from sign in Parse.Char('-').Once().Text().Or(Parse.Char('+').Return("")).Or(Parse.Return(""))
        from whole in Digits.Or(Parse.Return(""))
        from fraction in (from dot in Parse.Char('.') from d in Digits.Or(Parse.Return("")) select "." + d).Or(Parse.Return(""))
        from exponent in (from e in Parse.Chars('e', 'E') from s in Parse.Chars('+', '-').Once().Text().Or(Parse.Return("")) from d in Digits select "e" + s + d).Or(Parse.Return(""))
        where whole.Length > 0 || fraction.Length > 1
        select ToNumber(sign + whole, fraction, exponent);

    private static AttributeValue ToNumber(string whole, string fraction, string exponent)
    {
        if (fraction.Length == 0 && exponent.Length == 0 && long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return AttributeValue.Integer(l);
        var text = (whole is "" or "-" ? whole + "0" : whole) + (fraction == "." ? "" : fraction) + exponent;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? AttributeValue.Number(d)
            : AttributeValue.String(whole + fraction + exponent);
    }

    private static readonly Parser<AttributeValue> BareLiteral =
        NumberLiteral.End()
            .Or(Parse.String("true").End().Return(AttributeValue.Boolean(true)))
            .Or(Parse.String("false").End().Return(AttributeValue.Boolean(false)));

    /// <summary>
    /// GFD.185 §3.4.4: string (quoted) | number | bool; a bare word that is neither is taken as a string
    /// (GFD.185's own "method=poweroff", erocci's "allocation=static").
    /// </summary>
    public static readonly Parser<AttributeValue> TypedValue =
        QuotedString.Select(AttributeValue.String)
            .Or(BareValue.Select(ClassifyBare));

    private static AttributeValue ClassifyBare(string bare)
    {
        var literal = BareLiteral.TryParse(bare);
        return literal.WasSuccessful ? literal.Value : AttributeValue.String(bare);
    }

    /// <summary>Fails where it started when <paramref name="parser"/> fails, so a separator that read white space
    /// and then missed does not count as consumed input (XMany, XOptional and XDelimitedBy then stop cleanly).</summary>
    public static Parser<T> Atomic<T>(Parser<T> parser) => input =>
    {
        var r = parser(input);
        return r.WasSuccessful ? r : Result.Failure<T>(input, r.Message, r.Expectations);
    };

    /// <summary>A list or parameter separator with optional white space around it.</summary>
    public static Parser<char> Separator(char c) =>
        Atomic(from lead in Ows from sep in Parse.Char(c) from trail in Ows select sep);

    /// <summary>A parser that fails here with a message (a semantic check inside the grammar).</summary>
    public static Parser<T> Fail<T>(string message) => input => Result.Failure<T>(input, message, []);
}
