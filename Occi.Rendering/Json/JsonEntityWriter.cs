using System.Text.Json;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// Resources, links and collections in the OCCI 1.2 JSON shape (GFD.225 §3.1, the rOCCI 1.2 schema's
/// "resource", "link" and "entity_collection"). Beyond the schema, every entity carries its absolute
/// "location", as erocci renders it: a collection is otherwise useless to a client.
/// </summary>
internal static class JsonEntityWriter
{
    public static void WriteEntity(Utf8JsonWriter w, Entity entity, RenderContext context)
    {
        if (entity is Link link) WriteLink(w, link, context);
        else WriteResource(w, (Resource)entity, context);
    }

    public static IEnumerable<int> StreamCollection(Utf8JsonWriter w, IReadOnlyList<Entity> entities, RenderContext context) =>
        JsonParts.StreamCollection(w, entities, context, static (w, r, c) => WriteResource(w, r, c), static (w, l, c) => WriteLink(w, l, c));

    private static void WriteResource(Utf8JsonWriter w, Resource r, RenderContext context)
    {
        w.WriteStartObject();
        WriteCommon(w, r);
        if (r.Summary is { } summary) w.WriteString(JsonNames.Summary, summary);
        if (r.Location is { } location) JsonValueWriter.WriteLocation(w, JsonNames.Location, location, context);
        if (r.Links.Count > 0)
        {
            w.WriteStartArray(JsonNames.Links);
            foreach (var link in r.Links) WriteLink(w, link, context);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter w, Link l, RenderContext context)
    {
        w.WriteStartObject();
        WriteCommon(w, l);
        WriteEnd(w, JsonNames.Source, l.Source, l.SourceKind, context);
        WriteEnd(w, JsonNames.Target, l.Target, l.TargetKind, context);
        if (l.Location is { } location) JsonValueWriter.WriteLocation(w, JsonNames.Location, location, context);
        w.WriteEndObject();
    }

    /// <summary>kind, mixins, id, attributes, actions, title: what resources and links share.</summary>
    private static void WriteCommon(Utf8JsonWriter w, Entity e)
    {
        if (e.Kind.Scheme is not null) JsonValueWriter.WriteIdentity(w, JsonNames.Kind, e.Kind);
        JsonValueWriter.WriteIdentities(w, JsonNames.Mixins, e.Mixins);
        // "id" before "attributes", which repeat it as occi.core.id (as rOCCI and erocci do), so a reader can share the string.
        w.WriteString(JsonNames.Id, e.Id);
        // "attributes" is required by the schema.
        w.WriteStartObject(JsonNames.Attributes);
        if (e.Id.Length > 0) w.WriteString(JsonNames.CoreId, e.Id);
        JsonValueWriter.WriteAttributes(w, e.Attributes, except: Entity.IdAttribute);
        w.WriteEndObject();
        JsonValueWriter.WriteIdentities(w, JsonNames.Actions, e.Actions);
        if (e.Title is { } title) w.WriteString(JsonNames.Title, title);
    }

    /// <summary>The schema's kinded_uri: {"location", "kind"}.</summary>
    private static void WriteEnd(Utf8JsonWriter w, JsonEncodedText name, string location, CategoryId? kind, RenderContext context)
    {
        w.WriteStartObject(name);
        JsonValueWriter.WriteLocation(w, JsonNames.Location, location, context);
        if (kind is { Scheme: not null } k) JsonValueWriter.WriteIdentity(w, JsonNames.Kind, k);
        w.WriteEndObject();
    }
}
