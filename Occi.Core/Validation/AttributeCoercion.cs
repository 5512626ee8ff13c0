using System.Globalization;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Validation;

/// <summary>
/// Text renderings can't always tell 2 from "2": clients quote numbers, and some send "true".
/// Before validation, a quoted value whose definition wants a number or a boolean is read as one
/// when it parses cleanly; anything else is left for the validator to reject.
/// </summary>
public static class AttributeCoercion
{
    public static void Coerce(AttributeBag attributes, IEnumerable<AttributeDefinition> definitions)
    {
        var byName = new Dictionary<string, AttributeDefinition>(StringComparer.Ordinal);
        foreach (var d in definitions) byName.TryAdd(d.Name, d);
        Coerce(attributes, byName);
    }

    public static void Coerce(Entity entity, CategorySnapshot model) =>
        Coerce(entity.Attributes, EntitySchema.Of(model, entity.Kind, entity.Mixins).Definitions);

    private static void Coerce(AttributeBag attributes, Dictionary<string, AttributeDefinition> byName)
    {
        // Most bodies need nothing coerced: only then is the bag copied, to be changed while it is walked.
        var any = false;
        foreach (var (name, value) in attributes)
            if (byName.TryGetValue(name, out var d) && Coerce(value, d.Type) is not null) { any = true; break; }
        if (!any) return;
        foreach (var (name, value) in attributes.ToArray())
            if (byName.TryGetValue(name, out var d) && Coerce(value, d.Type) is { } coerced)
                attributes[name] = coerced;
    }

    public static AttributeValue? Coerce(AttributeValue value, AttributeType type)
    {
        if (value.IsString)
        {
            var s = value.AsString;
            return type switch
            {
                AttributeType.Integer when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
                AttributeType.Number when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
                AttributeType.Boolean when s is "true" or "false" => s == "true",
                _ => null,
            };
        }
        if (type == AttributeType.Integer && value.Kind == AttributeValueKind.Number && value.IsWholeNumber) return (long)value.AsNumber;
        if (type is AttributeType.String or AttributeType.Enum or AttributeType.Uri && value.IsNumeric) return value.ToString();
        return null;
    }
}
