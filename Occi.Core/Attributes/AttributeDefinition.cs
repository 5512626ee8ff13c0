using System.Text.RegularExpressions;

namespace Occi.Core.Attributes;

/// <summary>
/// GFD.221 §5.1: an attribute's name, type, mutability, whether it is required, its default value,
/// an optional pattern and a description. The pattern is compiled when the definition is built, once per
/// pattern text (<see cref="AttributePattern"/>), so validation never compiles a regular expression per request.
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
        _pattern = pattern is null ? null : PatternOf(name, pattern);
    }

    private readonly AttributePattern? _pattern;

    private static AttributePattern PatternOf(string name, string pattern)
    {
        try
        {
            return AttributePattern.Of(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the pattern of attribute '{name}' is not a regular expression: {e.Message}", nameof(pattern), e);
        }
    }

    public string Name { get; }
    public AttributeType Type { get; }
    public bool Mutable { get; }
    public bool Required { get; }
    public AttributeValue? Default { get; }
    public string? Pattern { get; }
    public string? Description { get; }
    public IReadOnlyList<string> EnumValues { get; }
    internal Regex? PatternRegex => _pattern?.WholeValue;

    /// <summary>
    /// Why <see cref="Pattern"/> needs the backtracking engine (a backreference, lookaround, atomic group or
    /// conditional, or too large an automaton), or null when it runs in time linear in the value. A client may
    /// not define such a pattern.
    /// </summary>
    public string? PatternNeedsBacktracking => _pattern?.NeedsBacktracking;

    /// <summary>Checks a value against type, enum and pattern; returns null when it fits, else why not.</summary>
    public string? Check(AttributeValue value) => AttributeValueCheck.Check(this, value);

    public override string ToString() => Name;
}
