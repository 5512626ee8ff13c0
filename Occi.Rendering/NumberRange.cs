using System.Globalization;

namespace Occi.Rendering;

/// <summary>
/// The numbers a request may carry, in every rendering. A literal past a double's range (1e400) reads as
/// infinity, which neither a store (JSON has none) nor a backend can hold, and a literal of thousands of
/// digits says nothing a double keeps; both are refused while parsing, naming the attribute, so nothing
/// reaches a backend.
/// </summary>
internal static class NumberRange
{
    /// <summary>
    /// Longest number literal read, in characters: a double round-trips in 17 significant digits with a sign,
    /// a point and an exponent (25 characters); the rest is room for zeros written out.
    /// </summary>
    public const int MaxLiteralLength = 100;

    /// <summary>Longest part of a refused literal quoted in the error.</summary>
    private const int Quoted = 32;

    /// <summary>True when a literal of <paramref name="length"/> characters that read as <paramref name="value"/> may be kept.</summary>
    public static bool Fits(int length, double value) => length <= MaxLiteralLength && double.IsFinite(value);

    /// <summary>The error for a literal that does not fit, quoting at most its first characters.</summary>
    public static string OutOfRange(string attribute, ReadOnlySpan<char> literal) =>
        Compose(attribute, literal[..Math.Min(literal.Length, Quoted)], literal.Length);

    public static string OutOfRange(string attribute, ReadOnlySpan<byte> utf8Literal)
    {
        Span<char> start = stackalloc char[Math.Min(utf8Literal.Length, Quoted)];
        for (var i = 0; i < start.Length; i++) start[i] = (char)utf8Literal[i]; // a JSON number is ASCII
        return Compose(attribute, start, utf8Literal.Length);
    }

    // ASCII only: an error message may travel in a header.
    private static string Compose(string attribute, ReadOnlySpan<char> start, int length) =>
        $"attribute '{attribute}': number {start}{(length > start.Length ? $"... ({length} characters)" : "")} is out of range "
        + $"(a number must be finite, between -{MaxValue} and {MaxValue}, and written in at most {MaxLiteralLength} characters)";

    private static readonly string MaxValue = double.MaxValue.ToString("R", CultureInfo.InvariantCulture);
}
