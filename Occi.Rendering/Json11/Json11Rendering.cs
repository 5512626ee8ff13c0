using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering.Json;

namespace Occi.Rendering.Json11;

/// <summary>
/// application/occi+json as OCCI 1.1 implementations speak it (rOCCI-core/rOCCI-api 4.x, rOCCI-server 1.x,
/// pyOCNI), beside <see cref="JsonRendering"/>'s GFD.225 shapes under the same media type. The server picks
/// one per request (README "JSON dialects"); this one reads both dialects' bodies into the same request.
/// </summary>
public sealed class Json11Rendering : IOcciRendering, ICollectionStreaming
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64,
    };

    private readonly JsonRendering _errors = new();

    public string MediaType => JsonRendering.OcciJson;

    public bool RendersCollectionsInFull => true;

    /// <summary>A body of the other dialect (its shape tells, <see cref="JsonDialectSniffer"/>) goes to the 1.2 parser.</summary>
    public OcciRequest Parse(ParseInput input, CategorySnapshot model) =>
        JsonDialectSniffer.Sniff(input.Body.Span) == JsonDialect.Occi12
            ? _errors.Parse(input, model)
            : Json11RequestReader.Read(input.Body, model);

    /// <summary>One entity is a collection of one, as rOCCI-server answered: {"resources":[…]} or {"links":[…]}.</summary>
    public void RenderEntity(Entity entity, RenderContext context, RenderOutput output) => RenderCollection([entity], context, output);

    public void RenderCollection(IReadOnlyList<Entity> entities, RenderContext context, RenderOutput output) =>
        JsonParts.Drain(StreamCollection(entities, context, output.Body));

    /// <summary>pyOCNI's {"Location":[…]}, absolute: what it reads after a create.</summary>
    public void RenderLocations(IReadOnlyList<string> locations, RenderContext context, RenderOutput output) =>
        JsonParts.Drain(StreamLocations(locations, context, output.Body));

    public IEnumerable<int> StreamCollection(IReadOnlyList<Entity> entities, RenderContext context, IBufferWriter<byte> body)
    {
        using var w = new Utf8JsonWriter(body, WriterOptions);
        foreach (var step in Json11EntityWriter.StreamCollection(w, entities, context)) yield return step;
    }

    public IEnumerable<int> StreamLocations(IReadOnlyList<string> locations, RenderContext context, IBufferWriter<byte> body)
    {
        using var w = new Utf8JsonWriter(body, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray(Json11Names.Location);
        foreach (var step in JsonParts.StreamLocations(w, locations, context)) yield return step;
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        yield return locations.Count;
    }

    public void RenderCategories(IEnumerable<Category> categories, RenderContext context, RenderOutput output)
    {
        using var w = new Utf8JsonWriter(output.Body, WriterOptions);
        Json11CategoryWriter.WriteModel(w, categories, context);
    }

    /// <summary>OCCI 1.1 defines no error body: the same {"error":{"code","message"}} as the 1.2 rendering.</summary>
    public void RenderError(int status, string message, RenderOutput output) => _errors.RenderError(status, message, output);
}
