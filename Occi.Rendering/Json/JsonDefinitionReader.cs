using Occi.Core.Attributes;

namespace Occi.Rendering.Json;

/// <summary>
/// An attribute description (GFD.225 §3.5.1): {"mutable","required","type","default","description","pattern"}.
/// Absent members take the table's defaults (mutable false, required false, type "string").
/// </summary>
internal static class JsonDefinitionReader
{
    public static AttributeDefinition Read(string name, AttributeValue description, Func<string, OcciParseException> fail)
    {
        var mutable = false;
        var required = false;
        var type = AttributeType.String;
        AttributeValue? @default = null;
        string? text = null;
        string? pattern = null;
        foreach (var (member, value) in description.AsObject)
        {
            switch (member)
            {
                case "mutable": mutable = Boolean(value, name, member, fail); break;
                case "required": required = Boolean(value, name, member, fail); break;
                case "type":
                    type = value.IsString && TypeOf(value.AsString) is { } t ? t
                        : throw fail($"attribute '{name}': unknown type {value} (string, number, boolean, array or object)");
                    break;
                case "default": @default = value; break;
                case "description": text = value.IsString ? value.AsString : throw fail($"attribute '{name}': 'description' must be a string"); break;
                // erocci renders a JSON Schema object here, which says no more than "type": ignore it.
                case "pattern": pattern = value.IsString ? value.AsString : null; break;
            }
        }
        string[]? enumValues = null;
        if (type == AttributeType.String && pattern is not null && EnumValues(pattern) is { } values)
        {
            type = AttributeType.Enum;
            enumValues = values;
            pattern = null;
        }
        return new AttributeDefinition(name, type, mutable, required, @default, pattern, text, enumValues);
    }

    private static bool Boolean(AttributeValue value, string name, string member, Func<string, OcciParseException> fail) =>
        value.Kind == AttributeValueKind.Boolean ? value.AsBoolean : throw fail($"attribute '{name}': '{member}' must be true or false");

    /// <summary>GFD.225's five types, and the names other renderings use for Integer, Enum and Uri.</summary>
    private static AttributeType? TypeOf(string type) => type switch
    {
        "string" => AttributeType.String,
        "number" or "float" or "double" => AttributeType.Number,
        "integer" => AttributeType.Integer,
        "boolean" or "bool" => AttributeType.Boolean,
        "array" or "list" => AttributeType.Array,
        "object" or "hash" => AttributeType.Object,
        "enum" => AttributeType.String,
        "uri" or "url" => AttributeType.Uri,
        _ => null,
    };

    /// <summary>
    /// An alternation of literal words ("graceful|acpioff|poweroff", as <see cref="JsonCategoryWriter"/> renders
    /// an enum) is an enum: it accepts exactly those values. Anything with a regex operator stays a pattern.
    /// </summary>
    public static string[]? EnumValues(string pattern)
    {
        if (pattern.Length == 0) return null;
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '|')
            {
                if (current.Length == 0) return null;
                values.Add(current.ToString());
                current.Clear();
            }
            else if (c == '\\')
            {
                // Regex.Escape's escapes of punctuation and space are literal characters.
                if (i + 1 >= pattern.Length || char.IsLetterOrDigit(pattern[i + 1])) return null;
                current.Append(pattern[++i]);
            }
            else if ("*+?{}[]()^$.#".Contains(c) || char.IsWhiteSpace(c) || char.IsControl(c)) return null;
            else current.Append(c);
        }
        if (current.Length == 0) return null;
        values.Add(current.ToString());
        return values.ToArray();
    }
}
