using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering.Json;

namespace Occi.Rendering.Json11;

/// <summary>
/// Resources and links as rOCCI-server 1.x rendered them to rOCCI-core 4.x (the rOCCI-api cassettes):
/// {"resources":[{"kind","mixins","actions","attributes","id","links"}]} and {"links":[…]}, attributes
/// nested by name part, occi.core.id among them; a resource's links as their locations, an entity's
/// actions as {"scheme","term","attributes"} objects.
/// </summary>
internal static class Json11EntityWriter
{
    public static IEnumerable<int> StreamCollection(Utf8JsonWriter w, IReadOnlyList<Entity> entities, RenderContext context) =>
        JsonParts.StreamCollection(w, entities, context, static (w, r, c) => WriteResource(w, r, c), static (w, l, c) => WriteLink(w, l, c));

    private static void WriteResource(Utf8JsonWriter w, Resource r, RenderContext context)
    {
        w.WriteStartObject();
        WriteCommon(w, r, context, null);
        if (r.Links.Count > 0)
        {
            w.WriteStartArray(JsonNames.Links);
            foreach (var link in r.Links)
                if (link.Location is { } location) w.WriteStringValue(location);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter w, Link l, RenderContext context)
    {
        w.WriteStartObject();
        WriteCommon(w, l, context, l);
        if (l.TargetKind is { Scheme: not null } rel) JsonValueWriter.WriteIdentity(w, Json11Names.Rel, rel);
        w.WriteString(JsonNames.Source, l.Source);
        w.WriteString(JsonNames.Target, l.Target);
        w.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter w, Entity e, RenderContext context, Link? link)
    {
        if (e.Kind.Scheme is not null) JsonValueWriter.WriteIdentity(w, JsonNames.Kind, e.Kind);
        JsonValueWriter.WriteIdentities(w, JsonNames.Mixins, e.Mixins);
        if (e.Actions.Count > 0)
        {
            w.WriteStartArray(JsonNames.Actions);
            foreach (var id in e.Actions) WriteActionReference(w, id, context);
            w.WriteEndArray();
        }
        var nested = new NestedAttributes<AttributeValue>();
        if (e.Id.Length > 0) nested.Add(Entity.IdAttribute, AttributeValue.String(e.Id));
        if (link is not null)
        {
            nested.Add(Link.SourceAttribute, AttributeValue.String(link.Source));
            nested.Add(Link.TargetAttribute, AttributeValue.String(link.Target));
        }
        foreach (var (name, value) in e.Attributes)
            if (name is not (Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute)) nested.Add(name, value);
        w.WriteStartObject(JsonNames.Attributes);
        nested.WriteMembers(w, AttributeJson.Write);
        w.WriteEndObject();
        w.WriteString(JsonNames.Id, e.Id);
    }

    /// <summary>An action the entity offers now, as rOCCI-server listed it: scheme, term and its attribute definitions.</summary>
    private static void WriteActionReference(Utf8JsonWriter w, CategoryId id, RenderContext context)
    {
        w.WriteStartObject();
        w.WriteString(JsonNames.Scheme, id.Scheme);
        w.WriteString(JsonNames.Term, id.Term);
        w.WriteStartObject(JsonNames.Attributes);
        if (context.Model.FindAction(id) is { } action) Json11CategoryWriter.WriteDefinitions(w, action.Attributes);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
