using Occi.Core;
using Occi.Rendering;
using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// GFD.185 §3.1 / GFD.223 §3.1: the request rendering comes from Content-Type (unsupported → 415),
/// the response rendering from Accept with q-values (unsupported → 406; none or */* → text/plain).
/// rOCCI sends "Content-Type: text/plain,text/occi" and "Accept: text/plain,text/occi": comma lists
/// are read in order of preference.
/// </summary>
internal static class Negotiation
{
    public const int UnsupportedMediaType = 415;
    public const int NotAcceptable = 406;

    /// <summary>The parser for the request's Content-Type; null when the request has no Content-Type.</summary>
    public static IOcciRendering? ForContentType(string? contentType, RenderingCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        foreach (var part in new MediaRangeEnumerator(contentType))
            if (catalog.Find(part.Type) is { } r) return r;
        throw new HttpOcciException(UnsupportedMediaType,
            $"Content-Type '{contentType}' is not supported; use one of {string.Join(", ", catalog.MediaTypes)}");
    }

    /// <summary>
    /// The renderer for the Accept header: the highest q-value the server supports, ties in order given.
    /// Without <paramref name="locationsOnly"/> the answer is an entity or the model, which text/uri-list cannot
    /// carry: uri-list is then left out, so "text/uri-list, text/plain;q=0.5" gets text/plain and a bare
    /// "text/uri-list" 406 before anything is done (issue 11 item 3).
    /// </summary>
    public static IOcciRendering ForAccept(string? accept, RenderingCatalog catalog, bool locationsOnly = true)
    {
        if (string.IsNullOrWhiteSpace(accept)) return catalog.TextPlain;
        IOcciRendering? best = null;
        var bestQ = 0.0;
        foreach (var range in new MediaRangeEnumerator(accept))
        {
            if (range.Quality <= bestQ) continue;
            var r = range.Type switch
            {
                "*/*" => catalog.TextPlain,
                "text/*" => catalog.TextPlain,
                "application/*" => catalog.Json,
                _ => catalog.Find(range.Type),
            };
            if (r is null || (!locationsOnly && r == catalog.UriList)) continue;
            best = r;
            bestQ = range.Quality;
        }
        return best ?? throw new HttpOcciException(NotAcceptable, locationsOnly
            ? $"none of the media types in Accept '{accept}' can be rendered; use one of {string.Join(", ", catalog.MediaTypes)}"
            : $"the answer is an entity or the model, which text/uri-list cannot render; Accept '{accept}' names no other type: "
              + "use text/plain, text/occi or application/occi+json");
    }

    /// <summary>
    /// Whether the answer of <paramref name="method"/> on <paramref name="target"/> is a list of locations (or
    /// nothing), which text/uri-list can render: not for an entity's GET, update, replace or action, nor the
    /// query interface's GET.
    /// </summary>
    public static bool AnswersWithLocations(PathTarget target, string method) => (target, method) switch
    {
        (PathTarget.Entity, "DELETE") => true,
        (PathTarget.Entity, _) => false,
        (PathTarget.QueryInterface, "GET" or "HEAD") => false,
        _ => true,
    };
}

/// <summary>An OCCI error that carries its own HTTP status (negotiation, version, size).</summary>
internal sealed class HttpOcciException(int status, string message) : OcciException(OcciErrorKind.BadRequest, message)
{
    public int Status { get; } = status;
}
