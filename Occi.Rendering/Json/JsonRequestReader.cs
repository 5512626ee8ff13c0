using System.Text.Json;
using Occi.Core.Registry;

namespace Occi.Rendering.Json;

/// <summary>
/// The total parser: any bytes give an <see cref="OcciRequest"/> or an <see cref="OcciParseException"/>
/// with the line and byte where reading stopped; nothing else escapes.
/// </summary>
internal static class JsonRequestReader
{
    public static OcciRequest Read(ReadOnlyMemory<byte> body, CategorySnapshot model)
    {
        var input = WithoutBom(body);
        if (input.Span.Trim(" \t\r\n"u8).IsEmpty) return new OcciRequest();
        var drafts = JsonDraftPool.Take();
        var reader = new JsonBodyReader(input.Span, ModelVocabulary.Of(model), drafts);
        try
        {
            var (draft, locations) = reader.ReadBody();
            var builder = new JsonRequestBuilder(input, model);
            return draft is null ? builder.Locations(locations!) : builder.Build(draft);
        }
        catch (OcciParseException) { throw; }
        catch (JsonException e) { throw FromJson(e); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Invalid UTF-8 inside a string, and whatever else the reader objects to.
            throw JsonParsePosition.Exception(input.Span, reader.Position, "malformed JSON: " + e.Message, e);
        }
        finally
        {
            JsonDraftPool.Give(drafts);
        }
    }

    /// <summary>Category definitions of a model body (the query interface rendering), for checks and tools.</summary>
    public static JsonCategoryModel ReadCategories(ReadOnlyMemory<byte> body, CategorySnapshot model, bool userDefined = false)
    {
        var input = WithoutBom(body);
        var reader = new JsonBodyReader(input.Span, ModelVocabulary.Of(model), new JsonDraftPool());
        try
        {
            var (draft, _) = reader.ReadBody();
            if (draft is null) throw new OcciParseException("a model is a JSON object with kinds, mixins and actions");
            var builder = new JsonRequestBuilder(input, model);
            return new JsonCategoryResolver(model, builder, userDefined).Resolve(draft);
        }
        catch (JsonException e) { throw FromJson(e); }
    }

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    public static OcciParseException FromJson(JsonException e)
    {
        // The reader's message ends with its own "LineNumber: 0 | BytePositionInLine: 5." (0-based): say it once, 1-based.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return e.LineNumber is { } line
            ? new OcciParseException(message, $"line {line + 1}", (int)Math.Min(int.MaxValue, (e.BytePositionInLine ?? 0) + 1), e)
            : new OcciParseException(message, inner: e);
    }
}
