using System.Text.RegularExpressions;

namespace Occi.Core.Attributes;

/// <summary>Type, enum and pattern checks of one value against its definition.</summary>
internal static class AttributeValueCheck
{
    public static string? Check(AttributeDefinition d, AttributeValue v)
    {
        var typeError = d.Type switch
        {
            AttributeType.String or AttributeType.Uri or AttributeType.Enum => v.IsString ? null : "a string",
            AttributeType.Integer => v.IsWholeNumber ? null : "an integer",
            AttributeType.Number => v.IsNumeric ? null : "a number",
            AttributeType.Boolean => v.Kind == AttributeValueKind.Boolean ? null : "a boolean (true or false)",
            AttributeType.Array => v.Kind == AttributeValueKind.Array ? null : "an array",
            AttributeType.Object => v.Kind == AttributeValueKind.Object ? null : "an object",
            _ => null,
        };
        if (typeError is not null) return $"attribute '{d.Name}' must be {typeError}, got {Describe(v)}";
        // The renderings refuse such literals; a value made any other way must not reach a backend or a store either (JSON has no infinity).
        if (d.Type == AttributeType.Number && !double.IsFinite(v.AsNumber)) return $"attribute '{d.Name}' must be a finite number, got {Describe(v)}";

        if (d.Type == AttributeType.Uri && !Uri.TryCreate(v.AsString, UriKind.RelativeOrAbsolute, out _))
            return $"attribute '{d.Name}' must be a URI, got '{Excerpt(v.AsString)}'";
        if (d.Type == AttributeType.Enum && !d.EnumValues.Contains(v.AsString, StringComparer.Ordinal))
            return $"attribute '{d.Name}' must be one of {string.Join(", ", d.EnumValues)}, got '{Excerpt(v.AsString)}'";
        if (d.PatternRegex is { } regex && v.IsString)
        {
            try
            {
                if (!regex.IsMatch(v.AsString)) return $"attribute '{d.Name}' value '{Excerpt(v.AsString)}' does not match pattern {d.Pattern}";
            }
            catch (RegexMatchTimeoutException)
            {
                return $"attribute '{d.Name}' value could not be checked against pattern {d.Pattern}";
            }
        }
        return null;
    }

    private static string Describe(AttributeValue v) => v.Kind switch
    {
        AttributeValueKind.String => $"string \"{Excerpt(v.AsString)}\"",
        _ => $"{v.Kind.ToString().ToLowerInvariant()} {Excerpt(v.ToString())}",
    };

    /// <summary>Longest part of a refused value an error quotes: a body may hold a megabyte of it.</summary>
    private const int Quoted = 64;

    private static string Excerpt(string value) =>
        value.Length <= Quoted ? value : $"{value.AsSpan(0, Quoted)}... ({value.Length} characters)";
}
