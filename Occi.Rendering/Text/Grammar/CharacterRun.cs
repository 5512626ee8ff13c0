using Sprache;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// Sprache parsers for a run of characters of one class, read in one step: one substring and one remainder
/// instead of a result, a list entry and an input per character (<c>Parse.Char(…).Many().Text()</c>).
/// On Sprache's own input (the grammar tests) they step character by character, with the same result.
/// </summary>
internal static class CharacterRun
{
    private const string Unexpected = "unexpected character";

    /// <summary>A first character allowed by <paramref name="first"/>, then any number allowed by <paramref name="rest"/>.</summary>
    public static Parser<string> Of(Func<char, bool> first, Func<char, bool> rest, string description)
    {
        string[] expected = [description];
        return input =>
        {
            var end = Scan(input, first, rest);
            if (end == input.Position)
                return Result.Failure<string>(input, input.AtEnd ? "Unexpected end of input reached" : Unexpected, expected);
            return Result.Success(input.Source.Substring(input.Position, end - input.Position), Skip(input, end));
        };
    }

    /// <summary>At least one character allowed by <paramref name="allowed"/>.</summary>
    public static Parser<string> Of(Func<char, bool> allowed, string description) => Of(allowed, allowed, description);

    /// <summary>Any number (zero too) of characters allowed by <paramref name="allowed"/>, skipped: the value is empty.</summary>
    public static Parser<string> Skipping(Func<char, bool> allowed) =>
        input => Result.Success(string.Empty, Skip(input, Scan(input, allowed, allowed)));

    /// <summary>Where the run starting at <paramref name="input"/> ends.</summary>
    public static int Scan(IInput input, Func<char, bool> first, Func<char, bool> rest)
    {
        var source = input.Source;
        var limit = input is TextInput text ? text.End : source.Length;
        var i = input.Position;
        if (i < limit && first(source[i]))
        {
            i++;
            while (i < limit && rest(source[i])) i++;
        }
        return i;
    }

    /// <summary><paramref name="input"/> moved to <paramref name="position"/>.</summary>
    public static IInput Skip(IInput input, int position)
    {
        if (position == input.Position) return input;
        if (input is TextInput text) return text.At(position);
        while (input.Position < position) input = input.Advance();
        return input;
    }

    /// <summary>The character <paramref name="c"/> (Sprache's <c>Parse.Char(c)</c>, without formatting a message
    /// on every miss: the error report names what it found from the failure's position).</summary>
    public static Parser<char> Symbol(char c, string? description = null)
    {
        string[] expected = [description ?? c.ToString()];
        return input => !input.AtEnd && input.Current == c
            ? Result.Success(c, Skip(input, input.Position + 1))
            : Result.Failure<char>(input, input.AtEnd ? "Unexpected end of input reached" : Unexpected, expected);
    }

    /// <summary>The characters of <paramref name="text"/>, ASCII case ignored when <paramref name="ignoreCase"/>;
    /// the value is <paramref name="text"/> itself. A miss consumes nothing.</summary>
    public static Parser<string> Literal(string text, bool ignoreCase = false)
    {
        string[] expected = [text];
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return input =>
        {
            var source = input.Source;
            var limit = input is TextInput window ? window.End : source.Length;
            return limit - input.Position >= text.Length && source.AsSpan(input.Position, text.Length).Equals(text, comparison)
                ? Result.Success(text, Skip(input, input.Position + text.Length))
                : Result.Failure<string>(input, input.AtEnd ? "Unexpected end of input reached" : Unexpected, expected);
        };
    }
}
