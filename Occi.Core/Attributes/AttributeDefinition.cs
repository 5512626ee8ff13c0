using System.Text.RegularExpressions;

namespace Occi.Core.Attributes;

/// <summary>
/// GFD.221 §5.1: an attribute's name, type, mutability, whether it is required, its default value,
/// an optional pattern and a description. The pattern is compiled once, when the definition is built,
/// so validation never compiles a regular expression per request.
/// </summary>
public sealed class AttributeDefinition
{
    public AttributeDefinition(string name, AttributeType type = AttributeType.String, bool mutable = true,
        bool required = false, AttributeValue? @default = null, string? pattern = null, string? description = null,
        IEnumerable<string>? enumValues = null)
    {
        if (!AttributeName.IsValid(name)) throw new ArgumentException($"'{name}' is not a valid attribute name", nameof(name));
        Name = name;
        Type = type;
        Mutable = mutable;
        Required = required;
        Default = @default;
        Pattern = pattern;
        Description = description;
        EnumValues = enumValues?.ToArray() ?? [];
        if (type == AttributeType.Enum && EnumValues.Count == 0)
            throw new ArgumentException($"enum attribute '{name}' needs its values", nameof(enumValues));
        PatternRegex = pattern is null ? null : WholeValueRegex(name, pattern);
    }

    /// <summary>
    /// The pattern anchored to the whole value. It must be a regular expression on its own first: "a)|(b"
    /// would otherwise close the group early and leave "(b" unanchored. \A and \z, not ^ and $, since $
    /// also matches before a final newline.
    /// </summary>
    private static Regex WholeValueRegex(string name, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the pattern of attribute '{name}' is not a regular expression: {e.Message}", nameof(pattern), e);
        }
        return new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));
    }

    public string Name { get; }
    public AttributeType Type { get; }
    public bool Mutable { get; }
    public bool Required { get; }
    public AttributeValue? Default { get; }
    public string? Pattern { get; }
    public string? Description { get; }
    public IReadOnlyList<string> EnumValues { get; }
    internal Regex? PatternRegex { get; }

    /// <summary>Checks a value against type, enum and pattern; returns null when it fits, else why not.</summary>
    public string? Check(AttributeValue value) => AttributeValueCheck.Check(this, value);

    public override string ToString() => Name;
}
