using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering.Json;

/// <summary>
/// application/occi+json: the OCCI 1.2 JSON rendering (GFD.225), in the shapes of the rOCCI 1.2 JSON
/// Schemas, read with <see cref="Utf8JsonReader"/> and written with <see cref="Utf8JsonWriter"/>.
/// </summary>
public sealed class JsonRendering : IOcciRendering, ICollectionStreaming
{
    public const string OcciJson = "application/occi+json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // An API body, never inlined in HTML: keep URLs and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64,
    };

    public string MediaType => OcciJson;

    public bool RendersCollectionsInFull => true;

    public OcciRequest Parse(ParseInput input, CategorySnapshot model) => JsonRequestReader.Read(input.Body, model);

    public void RenderEntity(Entity entity, RenderContext context, RenderOutput output)
    {
        using var w = new Utf8JsonWriter(output.Body, WriterOptions);
        JsonEntityWriter.WriteEntity(w, entity, context);
    }

    public void RenderCollection(IReadOnlyList<Entity> entities, RenderContext context, RenderOutput output) =>
        JsonParts.Drain(StreamCollection(entities, context, output.Body));

    /// <summary>The 1.2 schema's locations.json: an array of location strings, absolute here.</summary>
    public void RenderLocations(IReadOnlyList<string> locations, RenderContext context, RenderOutput output) =>
        JsonParts.Drain(StreamLocations(locations, context, output.Body));

    public IEnumerable<int> StreamCollection(IReadOnlyList<Entity> entities, RenderContext context, IBufferWriter<byte> body)
    {
        using var w = new Utf8JsonWriter(body, WriterOptions);
        foreach (var step in JsonEntityWriter.StreamCollection(w, entities, context)) yield return step;
    }

    public IEnumerable<int> StreamLocations(IReadOnlyList<string> locations, RenderContext context, IBufferWriter<byte> body)
    {
        using var w = new Utf8JsonWriter(body, WriterOptions);
        w.WriteStartArray();
        foreach (var step in JsonParts.StreamLocations(w, locations, context)) yield return step;
        w.WriteEndArray();
        w.Flush();
        yield return locations.Count;
    }

    public void RenderCategories(IEnumerable<Category> categories, RenderContext context, RenderOutput output)
    {
        using var w = new Utf8JsonWriter(output.Body, WriterOptions);
        JsonCategoryWriter.WriteModel(w, categories, context);
    }

    /// <summary>GFD.225 §3.1.1.1: {"action": identity, "attributes": {...}}, what a client POSTs to trigger an action.</summary>
    public void RenderActionInvocation(ActionInvocation invocation, RenderOutput output)
    {
        using var w = new Utf8JsonWriter(output.Body, WriterOptions);
        w.WriteStartObject();
        JsonValueWriter.WriteIdentity(w, JsonNames.Action, invocation.Action);
        w.WriteStartObject(JsonNames.Attributes);
        JsonValueWriter.WriteAttributes(w, invocation.Attributes);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// Neither GFD.225 nor GFD.223 defines an error body; this one is {"error": {"code": status, "message": "..."}},
    /// an object clients can tell from every OCCI rendering.
    /// </summary>
    public void RenderError(int status, string message, RenderOutput output)
    {
        using var w = new Utf8JsonWriter(output.Body, WriterOptions);
        w.WriteStartObject();
        w.WriteStartObject(JsonNames.Error);
        w.WriteNumber(JsonNames.Code, status);
        w.WriteString(JsonNames.Message, message);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
