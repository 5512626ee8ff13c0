using System.Buffers;
using System.Globalization;
using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// The lexical level of the fast path (GFD.185 §3.1: quoted-string, token, white space; widened as
/// <see cref="Grammar.Lexical"/> is) over one header value or body line, read in place. Every method
/// mirrors one rule of <see cref="Grammar.Lexical"/> and answers false where that rule would fail or where
/// the fast path does not want to follow (the caller then declines). Strings are made only for values
/// the model's vocabulary does not already hold.
/// </summary>
internal ref struct TextScanner(ReadOnlySpan<char> text, ModelVocabulary vocabulary)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _pos;

    public readonly ModelVocabulary Vocabulary = vocabulary;

    public readonly bool AtEnd => _pos >= _text.Length;

    /// <summary>The current character, or '\0' at the end (never a character the rules below accept there).</summary>
    public readonly char Current => _pos < _text.Length ? _text[_pos] : '\0';

    // The character classes of Lexical, as sets a run is searched with (vectorized): most of a message is long runs.
    private const string Controls = "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f";
    private static readonly SearchValues<char> NameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    private static readonly SearchValues<char> AttributeComponentChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create(Controls + "\"\\");
    private static readonly SearchValues<char> BareStops = SearchValues.Create(Controls + " \t;,\"\\<>");
    private static readonly SearchValues<char> UriStops = SearchValues.Create(Controls + " \t\"<>\\,;");
    private static readonly SearchValues<char> TypeIdentifierStops = SearchValues.Create(Controls + " \t\"<>\\,;{}");
    private static readonly SearchValues<char> LinkTargetStops = SearchValues.Create(Controls + "><\t \"");

    public static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    public static bool IsControl(char c) => c < ' ' && c != '\t' || c == '\u007f';

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static bool IsTypeIdentifierChar(char c) => !TypeIdentifierStops.Contains(c);

    /// <summary>The run of characters from here up to the first one in <paramref name="stops"/> (or the end), consumed.</summary>
    private ReadOnlySpan<char> RunUntil(SearchValues<char> stops)
    {
        var rest = _text[_pos..];
        var n = rest.IndexOfAny(stops);
        if (n < 0) n = rest.Length;
        _pos += n;
        return rest[..n];
    }

    /// <summary>The run of characters from here that are all in <paramref name="allowed"/>, consumed.</summary>
    private ReadOnlySpan<char> RunOf(SearchValues<char> allowed)
    {
        var rest = _text[_pos..];
        var n = rest.IndexOfAnyExcept(allowed);
        if (n < 0) n = rest.Length;
        _pos += n;
        return rest[..n];
    }

    /// <summary>Ows: any white space, line breaks of folded header values included.</summary>
    public void SkipOws()
    {
        while (_pos < _text.Length && IsWhiteSpace(_text[_pos])) _pos++;
    }

    /// <summary>Ws1: at least one white space character.</summary>
    public bool SkipWs1()
    {
        var start = _pos;
        SkipOws();
        return _pos > start;
    }

    /// <summary>Exactly <paramref name="c"/>, consumed.</summary>
    public bool Symbol(char c)
    {
        if (Current != c || AtEnd) return false;
        _pos++;
        return true;
    }

    /// <summary>The ASCII word <paramref name="word"/> in any case (CharacterRun.Literal with ignoreCase), consumed.</summary>
    public bool Literal(string word)
    {
        if (_text.Length - _pos < word.Length || !System.Text.Ascii.EqualsIgnoreCase(_text.Slice(_pos, word.Length), word)) return false;
        _pos += word.Length;
        return true;
    }

    /// <summary>Lexical.Separator: OWS <paramref name="c"/> OWS, or nothing consumed.</summary>
    public bool Separator(char c)
    {
        var start = _pos;
        SkipOws();
        if (Symbol(c))
        {
            SkipOws();
            return true;
        }
        _pos = start;
        return false;
    }

    /// <summary>Lexical.Name: a header or parameter name (RFC 2616 token characters names use).</summary>
    public ReadOnlySpan<char> Name() => RunOf(NameChars);

    /// <summary>Lexical.Term: GFD.185 term, widened to upper case and a leading digit (OCCI 1.2).</summary>
    public ReadOnlySpan<char> Term() => char.IsAsciiLetterOrDigit(Current) ? Name() : default;

    public static bool IsWholeTerm(ReadOnlySpan<char> s) => !s.IsEmpty && char.IsAsciiLetterOrDigit(s[0]) && !s.ContainsAnyExcept(NameChars);

    /// <summary>Lexical.AttributeNameToken: components joined by '.', a '.' not followed by a letter ends the name.</summary>
    public ReadOnlySpan<char> AttributeName()
    {
        var start = _pos;
        _pos = AttributeNameEnd(_text, start);
        return _text[start.._pos];
    }

    /// <summary>True when all of <paramref name="name"/> is one attribute name (the grammar's WholeAttributeName).</summary>
    public static bool IsWholeAttributeName(ReadOnlySpan<char> name) => name.Length > 0 && AttributeNameEnd(name, 0) == name.Length;

    private static int AttributeNameEnd(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length || !char.IsAsciiLetter(text[start])) return start;
        var end = start + 1;
        while (true)
        {
            var n = text[end..].IndexOfAnyExcept(AttributeComponentChars);
            end = n < 0 ? text.Length : end + n;
            if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiLetter(text[end + 1])) end += 2;
            else return end;
        }
    }

    /// <summary>Lexical.Uri: a URI reference as it appears in a list.</summary>
    public ReadOnlySpan<char> Uri() => RunUntil(UriStops);

    /// <summary>LinkGrammar's target inside "&lt;" "&gt;": no controls, white space, quotes or angle brackets.</summary>
    public ReadOnlySpan<char> LinkTarget() => RunUntil(LinkTargetStops);

    /// <summary>
    /// Lexical.QuotedString (RFC 2616 quoted-string with the JSON-style escapes \n \r \t \uXXXX): the raw
    /// content between the quotes and whether it holds escapes. False where the grammar fails, and for a
    /// "\u" not followed by four hexadecimal digits (the grammar reads that as a plain 'u': too rare to mirror).
    /// </summary>
    public bool Quoted(out ReadOnlySpan<char> raw, out bool escaped)
    {
        raw = default;
        escaped = false;
        if (Current != '"' || AtEnd) return false;
        var stop = _text[(_pos + 1)..].IndexOfAny(QuotedStops);
        if (stop < 0) return false;
        var i = _pos + 1 + stop;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '"')
            {
                raw = _text[(_pos + 1)..i];
                _pos = i + 1;
                return true;
            }
            if (c == '\\')
            {
                escaped = true;
                if (i + 1 >= _text.Length || IsControl(_text[i + 1])) return false;
                if (_text[i + 1] == 'u')
                {
                    if (i + 6 > _text.Length || !IsHex(_text.Slice(i + 2, 4))) return false;
                    i += 6;
                }
                else i += 2;
                continue;
            }
            if (IsControl(c)) return false;
            i++;
        }
        return false;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    /// <summary>The content of a quoted-string with its escapes resolved into <paramref name="into"/> (at least as long as <paramref name="raw"/>).</summary>
    public static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> raw, Span<char> into)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\')
            {
                var e = raw[++i];
                switch (e)
                {
                    case 'n': c = '\n'; break;
                    case 'r': c = '\r'; break;
                    case 't': c = '\t'; break;
                    case 'u':
                        c = (char)int.Parse(raw.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        i += 4;
                        break;
                    default: c = e; break;
                }
            }
            into[n++] = c;
        }
        return into[..n];
    }

    /// <summary>Lexical.BareValue: an unquoted value (token, widened to URIs).</summary>
    public ReadOnlySpan<char> Bare() => RunUntil(BareStops);

    /// <summary>Lexical.Value read but not yet made a string: the raw content and whether it holds escapes.</summary>
    public bool RawValue(out ReadOnlySpan<char> raw, out bool escaped)
    {
        escaped = false;
        if (Current == '"' && !AtEnd) return Quoted(out raw, out escaped);
        raw = Bare();
        return !raw.IsEmpty;
    }

    /// <summary>Lexical.Value: a parameter value, quoted or bare, as text. <paramref name="known"/> looks it up first.</summary>
    public bool Value(out string value, ValueKind known = ValueKind.Text)
    {
        value = "";
        if (Current == '"' && !AtEnd)
        {
            if (!Quoted(out var raw, out var escaped)) return false;
            value = escaped ? Unescaped(raw, known) : Text(raw, known);
            return true;
        }
        var bare = Bare();
        if (bare.IsEmpty) return false;
        value = Text(bare, known);
        return true;
    }

    /// <summary>Lexical.TypedValue: GFD.185 §3.4.4 string (quoted) | number | bool; other bare words are strings.</summary>
    public bool TypedValue(out AttributeValue value)
    {
        value = default;
        if (Current == '"' && !AtEnd)
        {
            if (!Quoted(out var raw, out var escaped)) return false;
            value = AttributeValue.String(escaped ? Unescaped(raw, ValueKind.AttributeValue) : Text(raw, ValueKind.AttributeValue));
            return true;
        }
        var bare = Bare();
        if (bare.IsEmpty) return false;
        switch (BareLiteral.Classify(bare, out value))
        {
            case BareLiteral.Reading.Literal:
                return true;
            case BareLiteral.Reading.Word:
                value = AttributeValue.String(Text(bare, ValueKind.AttributeValue));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Lexical.TypeIdentifier: scheme term, split at the last '#'; false when the run is empty or not scheme#term.
    /// A known category comes with the vocabulary's shared one-item list of it (<paramref name="alone"/>).
    /// </summary>
    private bool TypeIdentifier(out CategoryId id, out IReadOnlyList<CategoryId>? alone)
    {
        id = default;
        alone = null;
        var run = RunUntil(TypeIdentifierStops);
        var hash = run.LastIndexOf('#');
        if (hash <= 0 || !IsWholeTerm(run[(hash + 1)..])) return false;
        if (Vocabulary.TryGetAlone(run, out var shared) && shared[0].Term.Length == run.Length - hash - 1)
        {
            id = shared[0];
            alone = shared;
        }
        else id = new CategoryId(new string(run[..(hash + 1)]), new string(run[(hash + 1)..]));
        return true;
    }

    /// <summary>
    /// Lexical.TypeIdentifierList: white-space separated type identifiers inside quotes, or a single bare one.
    /// A list of one known category (nearly all) is the vocabulary's shared one; none is the empty array.
    /// </summary>
    public bool TypeIdentifiers(out IReadOnlyList<CategoryId> ids)
    {
        ids = [];
        if (Current != '"' || AtEnd)
        {
            if (!TypeIdentifier(out var single, out var alone)) return false;
            ids = alone ?? new[] { single };
            return true;
        }
        _pos++;
        SkipOws();
        CategoryId first = default;
        IReadOnlyList<CategoryId>? firstAlone = null;
        List<CategoryId>? more = null;
        var count = 0;
        while (IsTypeIdentifierChar(Current) && !AtEnd)
        {
            if (!TypeIdentifier(out var id, out var alone)) return false;
            SkipOws();
            if (count == 0)
            {
                first = id;
                firstAlone = alone;
            }
            else (more ??= [first]).Add(id);
            count++;
        }
        if (!Symbol('"')) return false;
        ids = count switch { 0 => Array.Empty<CategoryId>(), 1 => firstAlone ?? new[] { first }, _ => more! };
        return true;
    }

    /// <summary>A category identity from its scheme (ending in '#') and term: the model's own when it knows it.</summary>
    private readonly CategoryId Identity(ReadOnlySpan<char> identity, int termStart)
    {
        if (Vocabulary.TryGetId(identity, out var known) && known.Term.Length == identity.Length - termStart) return known;
        return new CategoryId(new string(identity[..termStart]), new string(identity[termStart..]));
    }

    /// <summary>A category identity from a scheme (unescaped) and a term read apart (a Category value names the term first).</summary>
    public readonly CategoryId Identity(ReadOnlySpan<char> scheme, ReadOnlySpan<char> term)
    {
        var length = scheme.Length + term.Length;
        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        scheme.CopyTo(buffer);
        term.CopyTo(buffer[scheme.Length..]);
        var id = Identity(buffer[..length], scheme.Length);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return id;
    }

    /// <summary>What a value is, so the right part of the vocabulary is asked for it.</summary>
    public enum ValueKind { Text, AttributeValue, AttributeName, Title }

    /// <summary>A value as a string: the vocabulary's own when it holds it.</summary>
    public readonly string Text(ReadOnlySpan<char> s, ValueKind kind)
    {
        if (s.IsEmpty) return "";
        switch (kind)
        {
            case ValueKind.AttributeValue when s.Length <= ModelVocabulary.LongestValue && Vocabulary.TryGetValue(s, out var value):
                return value;
            case ValueKind.AttributeName when Vocabulary.TryGetName(s, out var name):
                return name;
            case ValueKind.Title when Vocabulary.TryGetTitle(s, out var title):
                return title;
            default:
                return new string(s);
        }
    }

    /// <summary>A quoted value with escapes as a string (resolved on the stack, then as <see cref="Text"/>).</summary>
    public readonly string Unescaped(ReadOnlySpan<char> raw, ValueKind kind)
    {
        char[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        var value = Text(Unescape(raw, buffer), kind);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return value;
    }
}
