using System.Text.Json;
using System.Text.RegularExpressions;
using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// The query interface (GFD.225 §3.2, §3.4; the schema's "model"): {"kinds":[…],"mixins":[…],"actions":[…]},
/// each part left out when empty (the schema's arrays have minItems 1).
/// </summary>
internal static class JsonCategoryWriter
{
    public static void WriteModel(Utf8JsonWriter w, IEnumerable<Category> categories, RenderContext context)
    {
        var all = categories as IReadOnlyList<Category> ?? categories.ToList();
        w.WriteStartObject();
        JsonParts.Write<Category, Kind, RenderContext>(w, JsonNames.Kinds, all, context, static (w, c, x) => WriteCategory(w, c, x));
        JsonParts.Write<Category, Mixin, RenderContext>(w, JsonNames.Mixins, all, context, static (w, c, x) => WriteCategory(w, c, x));
        JsonParts.Write<Category, OcciAction, RenderContext>(w, JsonNames.Actions, all, context, static (w, c, x) => WriteCategory(w, c, x));
        w.WriteEndObject();
    }

    public static void WriteCategory(Utf8JsonWriter w, Category c, RenderContext context)
    {
        w.WriteStartObject();
        w.WriteString(JsonNames.Term, c.Term);
        w.WriteString(JsonNames.Scheme, c.Scheme);
        if (c.Title is { } title) w.WriteString(JsonNames.Title, title);
        if (c.Attributes.Count > 0)
        {
            w.WriteStartObject(JsonNames.Attributes);
            foreach (var d in c.Attributes) WriteDefinition(w, d);
            w.WriteEndObject();
        }
        switch (c)
        {
            case Kind k:
                WriteActions(w, k.Actions);
                if (k.Parent is { } parent) JsonValueWriter.WriteIdentity(w, JsonNames.Parent, parent.Id);
                // GFD.225 §3.2.1: every kind but entity's has a location; entity's is not bound to a path.
                if (k.Location is { } location) JsonValueWriter.WriteLocation(w, JsonNames.Location, location, context);
                break;
            case Mixin m:
                WriteActions(w, m.Actions);
                if (m.Depends.Count > 0)
                {
                    w.WriteStartArray(JsonNames.Depends);
                    foreach (var d in m.Depends) JsonValueWriter.WriteIdentity(w, d.Id);
                    w.WriteEndArray();
                }
                JsonValueWriter.WriteIdentities(w, JsonNames.Applies, m.Applies);
                if (m.Location is { } mixinLocation) JsonValueWriter.WriteLocation(w, JsonNames.Location, mixinLocation, context);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter w, IReadOnlyList<OcciAction> actions)
    {
        if (actions.Count == 0) return;
        w.WriteStartArray(JsonNames.Actions);
        foreach (var a in actions) JsonValueWriter.WriteIdentity(w, a.Id);
        w.WriteEndArray();
    }

    /// <summary>
    /// GFD.225 §3.5.1: type is one of string, number, boolean, array, object. Integer is rendered "number"
    /// (its default stays an integer literal); Uri is "string"; Enum is "string" whose pattern is the
    /// alternation of its values, which <see cref="JsonDefinitionReader"/> reads back as an enum.
    /// </summary>
    private static void WriteDefinition(Utf8JsonWriter w, AttributeDefinition d)
    {
        w.WriteStartObject(d.Name);
        w.WriteBoolean(JsonNames.Mutable, d.Mutable);
        w.WriteBoolean(JsonNames.Required, d.Required);
        w.WriteString(JsonNames.Type, TypeName(d.Type));
        if (d.Default is { } value)
        {
            w.WritePropertyName(JsonNames.Default);
            AttributeJson.Write(w, value);
        }
        if (d.Description is { } description) w.WriteString(JsonNames.Description, description);
        if (d.Type == AttributeType.Enum) w.WriteString(JsonNames.Pattern, EnumPattern(d.EnumValues));
        else if (d.Pattern is { } pattern) w.WriteString(JsonNames.Pattern, pattern);
        w.WriteEndObject();
    }

    public static string TypeName(AttributeType type) => type switch
    {
        AttributeType.Number or AttributeType.Integer => "number",
        AttributeType.Boolean => "boolean",
        AttributeType.Array => "array",
        AttributeType.Object => "object",
        _ => "string",
    };

    public static string EnumPattern(IReadOnlyList<string> values) => string.Join('|', values.Select(Regex.Escape));
}
