using System.Text.Json;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// The parts of a collection or model rendering ("resources", "links"; "kinds", "mixins", "actions"): each an
/// array of the items of its type, left out when there are none (the 1.2 schema's arrays have minItems 1, and
/// rOCCI-server wrote no empty part either).
/// </summary>
internal static class JsonParts
{
    public static void Write<TItem, TPart, TState>(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<TItem> items, TState state,
        Action<Utf8JsonWriter, TPart, TState> write)
        where TPart : TItem
    {
        var started = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not TPart part) continue;
            if (!started) { w.WriteStartArray(name); started = true; }
            write(w, part, state);
        }
        if (started) w.WriteEndArray();
    }

    /// <summary>{"resources":[…],"links":[…]}: both dialects' entity collection; an empty one is {}.</summary>
    public static void WriteCollection(Utf8JsonWriter w, IReadOnlyList<Entity> entities, RenderContext context,
        Action<Utf8JsonWriter, Resource, RenderContext> resource, Action<Utf8JsonWriter, Link, RenderContext> link)
    {
        w.WriteStartObject();
        Write(w, JsonNames.Resources, entities, context, resource);
        Write(w, JsonNames.Links, entities, context, link);
        w.WriteEndObject();
    }
}
