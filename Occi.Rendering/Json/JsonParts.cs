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

    /// <summary>
    /// <see cref="Write"/> in steps (<see cref="ICollectionStreaming"/>): once a step's worth of bytes is written
    /// after a member, the writer is flushed into its body and the step yielded: the position after that member.
    /// <paramref name="step"/> holds where the current step began, across the parts of one rendering.
    /// </summary>
    public static IEnumerable<int> Stream<TItem, TPart, TState>(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<TItem> items, TState state,
        Action<Utf8JsonWriter, TPart, TState> write, StepStart step)
        where TPart : TItem
    {
        var started = false;
        var paged = items as IPagedList;
        for (var i = 0; i < items.Count; i++)
        {
            if (paged is not null && !paged.Holds(i))
            {
                step.End(w);
                yield return i; // the server loads the page from here
            }
            if (items[i] is not TPart part) continue;
            if (!started) { w.WriteStartArray(name); started = true; }
            write(w, part, state);
            if (step.Due(w)) yield return i + 1;
        }
        if (started) w.WriteEndArray();
    }

    /// <summary>Where a rendering's current step began; <see cref="Due"/> ends the step (flushing) once it is a step long.</summary>
    public sealed class StepStart(Utf8JsonWriter w)
    {
        private long _at = w.BytesCommitted + w.BytesPending;

        public bool Due(Utf8JsonWriter w)
        {
            if (w.BytesCommitted + w.BytesPending - _at < ICollectionStreaming.StepBytes) return false;
            End(w);
            return true;
        }

        public void End(Utf8JsonWriter w)
        {
            w.Flush();
            _at = w.BytesCommitted;
        }
    }

    /// <summary>{"resources":[…],"links":[…]}: both dialects' entity collection, an empty one {}; in steps, the last leaving it all flushed.</summary>
    public static IEnumerable<int> StreamCollection(Utf8JsonWriter w, IReadOnlyList<Entity> entities, RenderContext context,
        Action<Utf8JsonWriter, Resource, RenderContext> resource, Action<Utf8JsonWriter, Link, RenderContext> link)
    {
        w.WriteStartObject();
        var start = new StepStart(w);
        // A listing that comes as its resources and links apart is read once, each part on its own pass.
        var (resources, links) = entities is EntityListing listing ? (listing.Resources, listing.Links) : (entities, entities);
        foreach (var step in Stream(w, JsonNames.Resources, resources, context, resource, start)) yield return step;
        foreach (var step in Stream(w, JsonNames.Links, links, context, link, start)) yield return step;
        w.WriteEndObject();
        w.Flush();
        yield return entities.Count;
    }

    /// <summary>Location strings, absolute, in steps: the array (or whatever holds them) is the caller's to open and close.</summary>
    public static IEnumerable<int> StreamLocations(Utf8JsonWriter w, IReadOnlyList<string> locations, RenderContext context)
    {
        var start = new StepStart(w);
        for (var i = 0; i < locations.Count; i++)
        {
            JsonValueWriter.WriteLocationValue(w, locations[i], context);
            if (start.Due(w)) yield return i + 1;
        }
    }

    /// <summary>Runs a rendering's steps to the end: the whole rendering at once.</summary>
    public static void Drain(IEnumerable<int> steps)
    {
        foreach (var _ in steps) { }
    }
}
