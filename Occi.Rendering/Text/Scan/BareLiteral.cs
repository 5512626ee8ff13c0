using System.Globalization;
using Occi.Core.Attributes;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// What an unquoted attribute value is (GFD.185 §3.4.4: number = int | float, bool), read as the grammar
/// reads it (Lexical's NumberLiteral, widened by a sign and an exponent): an Integer when it has neither
/// fraction nor exponent and fits a long, else a Number; "true"/"false" Booleans; any other word a string.
/// </summary>
internal static class BareLiteral
{
    public enum Reading
    {
        /// <summary>Not a literal: the value is the word itself, as a string.</summary>
        Word,

        /// <summary>A number or a boolean, in the value.</summary>
        Literal,

        /// <summary>A case the fast path leaves to the grammar (a number that does not fit <see cref="NumberRange"/>, which the
        /// grammar refuses, or one double.TryParse refuses).</summary>
        Unsure,
    }

    public static Reading Classify(ReadOnlySpan<char> bare, out AttributeValue value)
    {
        value = default;
        var n = bare.Length;
        var i = 0;
        if (bare[0] is '-' or '+') i++;
        var signLength = i;
        while (i < n && char.IsAsciiDigit(bare[i])) i++;
        var wholeEnd = i;
        var fractionStart = -1;
        if (i < n && bare[i] == '.')
        {
            fractionStart = i++;
            while (i < n && char.IsAsciiDigit(bare[i])) i++;
        }
        var fractionEnd = i;
        var exponentStart = -1;
        if (i < n && bare[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < n && bare[j] is '-' or '+') j++;
            var digits = j;
            while (j < n && char.IsAsciiDigit(bare[j])) j++;
            if (j > digits)
            {
                exponentStart = i;
                i = j;
            }
        }
        var hasWhole = wholeEnd > signLength;
        var hasFractionDigits = fractionStart >= 0 && fractionEnd > fractionStart + 1;
        if (i != n || !(hasWhole || hasFractionDigits))
        {
            if (bare.SequenceEqual("true")) value = AttributeValue.Boolean(true);
            else if (bare.SequenceEqual("false")) value = AttributeValue.Boolean(false);
            else return Reading.Word;
            return Reading.Literal;
        }

        if (n > NumberRange.MaxLiteralLength) return Reading.Unsure;

        // A '+' sign is dropped, a '-' kept (the grammar's Sign).
        var whole = bare[(bare[0] == '+' ? 1 : 0)..wholeEnd];
        if (fractionStart < 0 && exponentStart < 0 && long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            value = AttributeValue.Integer(l);
            return Reading.Literal;
        }

        // The text the grammar hands to double.TryParse: "0" for a missing whole part, no lone ".", "e" and the exponent's '-' only.
        Span<char> text = stackalloc char[n + 1];
        var t = 0;
        whole.CopyTo(text);
        t += whole.Length;
        if (whole.IsEmpty || whole is "-") text[t++] = '0';
        if (hasFractionDigits)
        {
            bare[fractionStart..fractionEnd].CopyTo(text[t..]);
            t += fractionEnd - fractionStart;
        }
        if (exponentStart >= 0)
        {
            text[t++] = 'e';
            var e = exponentStart + 1;
            if (bare[e] == '-') text[t++] = '-';
            if (bare[e] is '-' or '+') e++;
            bare[e..n].CopyTo(text[t..]);
            t += n - e;
        }
        if (!double.TryParse(text[..t], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return Reading.Unsure;
        value = AttributeValue.Number(d);
        return Reading.Literal;
    }
}
