using System.Buffers;
using System.Text;
using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering.UriList;

/// <summary>
/// text/uri-list (RFC 2483 §5): one absolute URI per line, CRLF-terminated; lines starting with '#' are
/// comments. It renders collections and locations only; rOCCI clients list collections with it.
/// </summary>
public sealed class UriListRendering : IOcciRendering, ICollectionStreaming
{
    public const string UriListMediaType = "text/uri-list";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string MediaType => UriListMediaType;

    public bool RendersCollectionsInFull => false;

    /// <summary>Lines → <see cref="OcciRequest.Locations"/>; blank and '#' comment lines are skipped.</summary>
    public OcciRequest Parse(ParseInput input, CategorySnapshot model)
    {
        var request = new OcciRequest();
        var body = input.Body.Span;
        var lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty || line[0] == (byte)'#') continue;
            string text;
            try { text = StrictUtf8.GetString(line); }
            catch (DecoderFallbackException e)
            {
                throw new OcciParseException("not valid UTF-8", $"line {lineNumber}", e.Index + 1, e);
            }
            if (!IsUri(text, out var column)) throw new OcciParseException($"'{text}' is not a URI", $"line {lineNumber}", column);
            request.Locations.Add(text);
        }
        return request;
    }

    /// <summary>RFC 3986 allows no spaces or controls in a URI; Uri accepts the rest, relative or absolute.</summary>
    private static bool IsUri(string text, out int column)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsWhiteSpace(text[i]) || char.IsControl(text[i])) { column = i + 1; return false; }
        column = 1;
        return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _);
    }

    public void RenderEntity(Entity entity, RenderContext context, RenderOutput output) => throw OnlyCollections();

    public void RenderCategories(IEnumerable<Category> categories, RenderContext context, RenderOutput output) => throw OnlyCollections();

    /// <summary>The entities' locations; an entity not yet placed has none and is left out.</summary>
    public void RenderCollection(IReadOnlyList<Entity> entities, RenderContext context, RenderOutput output)
    {
        var lines = new LineWriter(output.Body, context.BaseUrl);
        foreach (var e in entities)
            if (e.Location is { } location) lines.Write(location);
    }

    public void RenderLocations(IReadOnlyList<string> locations, RenderContext context, RenderOutput output)
    {
        var lines = new LineWriter(output.Body, context.BaseUrl);
        foreach (var location in locations) lines.Write(location);
    }

    /// <summary><see cref="RenderCollection"/> in steps: every line goes into the body whole, so any line ends a step.</summary>
    public IEnumerable<int> StreamCollection(IReadOnlyList<Entity> entities, RenderContext context, IBufferWriter<byte> body)
    {
        var lines = new LineWriter(body, context.BaseUrl);
        var stepBytes = 0L;
        var paged = entities as IPagedList;
        for (var i = 0; i < entities.Count; i++)
        {
            if (paged is not null && !paged.Holds(i))
            {
                stepBytes = 0;
                yield return i;
            }
            if (entities[i]?.Location is not { } location) continue;
            stepBytes += lines.Write(location);
            if (stepBytes < ICollectionStreaming.StepBytes) continue;
            stepBytes = 0;
            yield return i + 1;
        }
        yield return entities.Count;
    }

    public IEnumerable<int> StreamLocations(IReadOnlyList<string> locations, RenderContext context, IBufferWriter<byte> body)
    {
        var lines = new LineWriter(body, context.BaseUrl);
        var stepBytes = 0L;
        for (var i = 0; i < locations.Count; i++)
        {
            stepBytes += lines.Write(locations[i]);
            if (stepBytes < ICollectionStreaming.StepBytes) continue;
            stepBytes = 0;
            yield return i + 1;
        }
        yield return locations.Count;
    }

    /// <summary>An error can only be a comment line: "# 404 no entity at /compute/x".</summary>
    public void RenderError(int status, string message, RenderOutput output)
    {
        var text = $"# {status} {message.ReplaceLineEndings(" ")}\r\n";
        Write(output.Body, text);
    }

    private static OcciException OnlyCollections() => OcciException.BadRequest("text/uri-list renders only collections");

    private static void Write(IBufferWriter<byte> body, string text)
    {
        var span = body.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        body.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>
    /// One line per location, the base URL in front of paths. A listing is thousands of lines (GET
    /// /compute/ with 10,000 members), so the base is encoded once and an ASCII location is copied
    /// straight into the body, one buffer request per line.
    /// </summary>
    private readonly struct LineWriter(IBufferWriter<byte> body, string baseUrl)
    {
        private readonly byte[] _base = Encoding.UTF8.GetBytes(baseUrl);

        /// <summary>Writes one line; returns about how many bytes it took (exactly, for ASCII).</summary>
        public int Write(string location)
        {
            var prefix = location.StartsWith('/') ? _base : [];
            if (!Ascii.IsValid(location))
            {
                body.Write(prefix);
                UriListRendering.Write(body, location);
                body.Write("\r\n"u8);
                return prefix.Length + location.Length * 3 + 2;
            }
            var span = body.GetSpan(prefix.Length + location.Length + 2);
            prefix.CopyTo(span);
            Ascii.FromUtf16(location, span[prefix.Length..], out _);
            "\r\n"u8.CopyTo(span[(prefix.Length + location.Length)..]);
            body.Advance(prefix.Length + location.Length + 2);
            return prefix.Length + location.Length + 2;
        }
    }
}
