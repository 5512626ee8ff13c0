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
    public static readonly Parser<string> Ows = CharacterRun.Skipping(IsWhiteSpace);

    /// <summary>At least one white space character (separates list items: "a b", rOCCI link attributes).</summary>
    public static readonly Parser<string> Ws1 = CharacterRun.Of(IsWhiteSpace, "white space");

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

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

    private static readonly Parser<string> EscapedQuotedString =
        from open in Parse.Char('"')
        from content in QuotedChar.Many().Text()
        from close in Parse.Char('"').Named("closing quote")
        select content;

    private static readonly string[] QuoteExpected = ["\""];

    /// <summary>quoted-string: the unescaped content. Content without escapes is read in one step; escapes
    /// (and a missing closing quote, for its error position) take the character-by-character grammar.</summary>
    public static readonly Parser<string> QuotedString = input =>
    {
        if (input.AtEnd || input.Current != '"')
            return Result.Failure<string>(input, input.AtEnd ? "Unexpected end of input reached" : "unexpected character", QuoteExpected);
        var source = input.Source;
        var limit = input is TextInput text ? text.End : source.Length;
        var open = input.Position;
        var close = open + 1;
        while (close < limit && source[close] is var c && c != '"' && c != '\\' && !IsControl(c)) close++;
        return close < limit && source[close] == '"'
            ? Result.Success(source.Substring(open + 1, close - open - 1), CharacterRun.Skip(input, close + 1))
            : EscapedQuotedString(input);
    };

    private static bool IsBareChar(char c) =>
        !IsControl(c) && c is not (' ' or '\t' or ';' or ',' or '"' or '\\' or '<' or '>');

    /// <summary>An unquoted value: GFD.185's token, widened to URIs ("location=/compute/", "rel=http://…#resource").</summary>
    public static readonly Parser<string> BareValue = CharacterRun.Of(IsBareChar, "value");

    /// <summary>A parameter value, quoted or bare.</summary>
    public static readonly Parser<string> Value = QuotedString.OrElse(BareValue);

    /// <summary>A parameter or header name (RFC 2616 token characters that names use).</summary>
    public static readonly Parser<string> Name = CharacterRun.Of(IsNameChar, "name character");

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    // GFD.185: term = LOALPHA *( LOALPHA | DIGIT | "-" | "_" ); OCCI 1.2 also allows upper case and a leading digit.
    public static readonly Parser<string> Term = CharacterRun.Of(char.IsAsciiLetterOrDigit, IsNameChar, "term");

    private static readonly Parser<string> WholeTerm = Term.End();

    public static bool IsTerm(string s) => s.Length > 0 && WholeTerm(new TextInput(s)).WasSuccessful;

    // GFD.185: attr-component = LOALPHA *( LOALPHA | DIGIT | "-" | "_" ); OCCI 1.2 allows upper case.
    // Kept identical to AttributeName.IsValid so an AttributeDefinition built from a parsed name never throws.
    // Components joined by '.': a '.' not followed by a letter ends the name before the '.'.
    private static readonly string[] AttributeNameExpected = ["attribute name"];

    public static readonly Parser<string> AttributeNameToken = input =>
    {
        var source = input.Source;
        var limit = input is TextInput text ? text.End : source.Length;
        var start = input.Position;
        if (start == limit || !char.IsAsciiLetter(source[start]))
            return Result.Failure<string>(input, start == limit ? "Unexpected end of input reached" : "unexpected character", AttributeNameExpected);
        var end = start + 1;
        while (true)
        {
            while (end < limit && (char.IsAsciiLetterOrDigit(source[end]) || source[end] is '-' or '_')) end++;
            if (end + 1 < limit && source[end] == '.' && char.IsAsciiLetter(source[end + 1])) end += 2;
            else break;
        }
        return Result.Success(source.Substring(start, end - start), CharacterRun.Skip(input, end));
    };

    private static bool IsUriChar(char c) =>
        !IsControl(c) && c is not (' ' or '\t' or '"' or '<' or '>' or '\\' or ',' or ';');

    /// <summary>A URI reference as it appears in a list (no white space, quotes, commas or semicolons).</summary>
    public static readonly Parser<string> Uri = CharacterRun.Of(IsUriChar, "URI");

    private static bool IsTypeIdentifierChar(char c) => IsUriChar(c) && c != '{' && c != '}';

    private static readonly Parser<string> TypeIdentifierText = CharacterRun.Of(IsTypeIdentifierChar, "type identifier");

    /// <summary>type-identifier = scheme term: a URI ending in "#term", split at the last '#'.</summary>
    public static readonly Parser<CategoryId> TypeIdentifier = input =>
    {
        var end = CharacterRun.Scan(input, IsTypeIdentifierChar, IsTypeIdentifierChar);
        if (end == input.Position) return Sequencing.Fail<string, CategoryId>(TypeIdentifierText(input)); // the failure, as the run reports it
        var source = input.Source;
        var start = input.Position;
        var hash = source.LastIndexOf('#', end - 1, end - start);
        var term = hash > start ? WholeTerm(TextInput.Window(source, hash + 1, end)) : null;
        if (term is not { WasSuccessful: true })
            return Result.Failure<CategoryId>(CharacterRun.Skip(input, end),
                $"'{source[start..end]}' is not a type identifier (scheme#term)", ["scheme#term"]);
        return Result.Success(new CategoryId(source[start..(hash + 1)], term.Value), CharacterRun.Skip(input, end));
    };

    /// <summary>White-space separated type identifiers, quoted or (a single one) bare.</summary>
    public static readonly Parser<IReadOnlyList<CategoryId>> TypeIdentifierList =
        Quoted(TypeIdentifier.Before(Ows).ManyX()).Map(ids => (IReadOnlyList<CategoryId>)ids)
        .OrElse(TypeIdentifier.Map(id => (IReadOnlyList<CategoryId>)[id]));

    /// <summary>A white-space separated list inside quotes: <c>"</c> OWS items <c>"</c>.</summary>
    public static Parser<T> Quoted<T>(Parser<T> items) =>
        items.After(Ows.After(CharacterRun.Symbol('"'))).Before(CharacterRun.Symbol('"', "closing quote"));

    // GFD.185: number = int | float; int = *DIGIT; float = *DIGIT "." *DIGIT. A sign and an exponent are
    // accepted too (rOCCI and JSON habits).
    private static readonly Parser<string> Digits = CharacterRun.Of(char.IsAsciiDigit, "digit");

    private static readonly Parser<string> Empty = Parse.Return(string.Empty);

    private static readonly Parser<string> Sign =
        CharacterRun.Symbol('-').Map(_ => "-").OrElse(CharacterRun.Symbol('+').Map(_ => "")).OrElse(Empty);

    private static readonly Parser<string> Fraction =
        Digits.OrElse(Empty).After(CharacterRun.Symbol('.')).Map(d => "." + d).OrElse(Empty);

    private static readonly Parser<string> Exponent =
        CharacterRun.Symbol('e').OrElse(CharacterRun.Symbol('E'))
            .Seq(Sign.Seq(Digits, (sign, digits) => "e" + sign + digits), (_, exponent) => exponent)
            .OrElse(Empty);

    private static readonly Parser<AttributeValue> NumberLiteral =
        Sign.Seq(Digits.OrElse(Empty), (sign, whole) => (sign, whole))
            .Seq(Fraction, (n, fraction) => (n.sign, n.whole, fraction))
            .Seq(Exponent, (n, exponent) => (n.sign, n.whole, n.fraction, exponent))
            .Bind((n, rest) => n.whole.Length > 0 || n.fraction.Length > 1
                ? Result.Success(ToNumber(n.sign + n.whole, n.fraction, n.exponent), rest)
                : Result.Failure<AttributeValue>(rest, "not a number", ["number"]));

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
            .OrElse(CharacterRun.Literal("true").End().Map(_ => AttributeValue.Boolean(true)))
            .OrElse(CharacterRun.Literal("false").End().Map(_ => AttributeValue.Boolean(false)));

    /// <summary>
    /// GFD.185 §3.4.4: string (quoted) | number | bool; a bare word that is neither is taken as a string
    /// (GFD.185's own "method=poweroff", erocci's "allocation=static").
    /// </summary>
    public static readonly Parser<AttributeValue> TypedValue =
        QuotedString.Map(AttributeValue.String)
            .OrElse(BareValue.Map(ClassifyBare));

    private static AttributeValue ClassifyBare(string bare)
    {
        var literal = BareLiteral(new TextInput(bare));
        return literal.WasSuccessful ? literal.Value : AttributeValue.String(bare);
    }

    /// <summary>
    /// The value of attribute <paramref name="name"/> (X-OCCI-Attribute, link attributes): <see cref="TypedValue"/>,
    /// and a number that does not fit (<see cref="NumberRange"/>: 1e400, thousands of digits) fails at the value, naming the attribute.
    /// </summary>
    public static IResult<AttributeValue> AttributeValueOf(string name, IInput value)
    {
        var r = TypedValue(value);
        if (!r.WasSuccessful || !r.Value.IsNumeric) return r;
        var length = r.Remainder.Position - value.Position;
        return NumberRange.Fits(length, r.Value.AsNumber)
            ? r
            : Result.Failure<AttributeValue>(value, NumberRange.OutOfRange(name, value.Source.AsSpan(value.Position, length)), []);
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
        Atomic(CharacterRun.Symbol(c).After(Ows).Before(Ows));

    /// <summary>A parser that fails here with a message (a semantic check inside the grammar).</summary>
    public static Parser<T> Fail<T>(string message) => input => Result.Failure<T>(input, message, []);
}
