using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering.Json;

namespace Occi.Rendering.Json11;

/// <summary>
/// The query interface as rOCCI-server 1.x rendered it ({"kinds","mixins","actions"}): a kind names its
/// parent in "parent" and in "related" (a list), a mixin its depends in "depends" and "related";
/// locations are paths; a kind lists every attribute an entity of it has, its ancestors' included;
/// attribute definitions are nested by name part as {"default","type","required","mutable","pattern"}.
/// </summary>
internal static class Json11CategoryWriter
{
    public static void WriteModel(Utf8JsonWriter w, IEnumerable<Category> categories, RenderContext context)
    {
        var all = categories as IReadOnlyList<Category> ?? categories.ToList();
        w.WriteStartObject();
        JsonParts.Write<Category, Kind, CategorySnapshot>(w, JsonNames.Kinds, all, context.Model, static (w, c, m) => WriteCategory(w, c, m));
        JsonParts.Write<Category, Mixin, CategorySnapshot>(w, JsonNames.Mixins, all, context.Model, static (w, c, m) => WriteCategory(w, c, m));
        JsonParts.Write<Category, OcciAction, CategorySnapshot>(w, JsonNames.Actions, all, context.Model, static (w, c, m) => WriteCategory(w, c, m));
        w.WriteEndObject();
    }

    private static void WriteCategory(Utf8JsonWriter w, Category c, CategorySnapshot model)
    {
        w.WriteStartObject();
        IEnumerable<AttributeDefinition> definitions = c.Attributes;
        switch (c)
        {
            case Kind k:
                if (k.Parent is { } parent)
                {
                    JsonValueWriter.WriteIdentity(w, JsonNames.Parent, parent.Id);
                    w.WriteStartArray(Json11Names.Related);
                    JsonValueWriter.WriteIdentity(w, parent.Id);
                    w.WriteEndArray();
                }
                WriteActions(w, k.Actions);
                if (k.Location is { } location) w.WriteString(JsonNames.Location, location);
                definitions = model.AttributesOf(k.Id, []);
                break;
            case Mixin m:
                if (m.Depends.Count > 0)
                {
                    WriteDepends(w, JsonNames.Depends, m.Depends);
                    WriteDepends(w, Json11Names.Related, m.Depends);
                }
                JsonValueWriter.WriteIdentities(w, JsonNames.Applies, m.Applies);
                WriteActions(w, m.Actions);
                if (m.Location is { } mixinLocation) w.WriteString(JsonNames.Location, mixinLocation);
                break;
        }
        w.WriteString(JsonNames.Scheme, c.Scheme);
        w.WriteString(JsonNames.Term, c.Term);
        if (c.Title is { } title) w.WriteString(JsonNames.Title, title);
        w.WriteStartObject(JsonNames.Attributes);
        WriteDefinitions(w, definitions);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDepends(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<Mixin> depends)
    {
        w.WriteStartArray(name);
        foreach (var d in depends) JsonValueWriter.WriteIdentity(w, d.Id);
        w.WriteEndArray();
    }

    private static void WriteActions(Utf8JsonWriter w, IReadOnlyList<OcciAction> actions)
    {
        if (actions.Count == 0) return;
        w.WriteStartArray(JsonNames.Actions);
        foreach (var a in actions) JsonValueWriter.WriteIdentity(w, a.Id);
        w.WriteEndArray();
    }

    /// <summary>The members of an "attributes" object of definitions; a name defined twice (a kind and its parent) once.</summary>
    public static void WriteDefinitions(Utf8JsonWriter w, IEnumerable<AttributeDefinition> definitions)
    {
        var nested = new NestedAttributes<AttributeDefinition>(dropConflicts: true);
        HashSet<string>? seen = null;
        foreach (var d in definitions)
            if ((seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(d.Name)) nested.Add(d.Name, d);
        nested.WriteMembers(w, WriteDefinition);
    }

    /// <summary>
    /// rOCCI-core 4's attribute properties. Types as GFD.225 names them (<see cref="JsonCategoryWriter.TypeName"/>);
    /// an enum is a string whose pattern is the alternation of its values; no pattern is ".*".
    /// </summary>
    private static void WriteDefinition(Utf8JsonWriter w, AttributeDefinition d)
    {
        w.WriteStartObject();
        if (d.Default is { } value)
        {
            w.WritePropertyName(JsonNames.Default);
            AttributeJson.Write(w, value);
        }
        w.WriteString(JsonNames.Type, JsonCategoryWriter.TypeName(d.Type));
        w.WriteBoolean(JsonNames.Required, d.Required);
        w.WriteBoolean(JsonNames.Mutable, d.Mutable);
        w.WriteString(JsonNames.Pattern, d.Type == AttributeType.Enum ? JsonCategoryWriter.EnumPattern(d.EnumValues) : d.Pattern ?? ".*");
        if (d.Description is { } description) w.WriteString(JsonNames.Description, description);
        w.WriteEndObject();
    }
}
