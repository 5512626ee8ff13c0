using Occi.Rendering;

namespace Occi.Server.Http;

/// <summary>
/// The media types the server speaks, each mapped to its rendering, with the aliases clients use:
/// application/json for application/occi+json, text/occi+plain (OCCI 1.2) for text/plain.
/// application/occi+json names two dialects: <see cref="Json"/> (GFD.226) is the one found by media type,
/// <see cref="Json11"/> (OCCI 1.1-era) the one <see cref="JsonDialects.For"/> may put in its place.
/// </summary>
internal sealed class RenderingCatalog
{
    private readonly Dictionary<string, IOcciRendering> _byMediaType = new(StringComparer.OrdinalIgnoreCase);

    public RenderingCatalog(IOcciRendering textPlain, IOcciRendering textOcci, IOcciRendering uriList, IOcciRendering json, IOcciRendering json11)
    {
        TextPlain = textPlain;
        TextOcci = textOcci;
        UriList = uriList;
        Json = json;
        Json11 = json11;
        _byMediaType["text/plain"] = textPlain;
        _byMediaType["text/occi+plain"] = textPlain;
        _byMediaType["text/occi"] = textOcci;
        _byMediaType["text/uri-list"] = uriList;
        _byMediaType["application/occi+json"] = json;
        _byMediaType["application/json"] = json;
    }

    public IOcciRendering TextPlain { get; }
    public IOcciRendering TextOcci { get; }
    public IOcciRendering UriList { get; }
    public IOcciRendering Json { get; }
    public IOcciRendering Json11 { get; }

    public IEnumerable<string> MediaTypes => _byMediaType.Keys;

    public IOcciRendering? Find(ReadOnlySpan<char> mediaType)
    {
        var lookup = _byMediaType.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(mediaType, out var r) ? r : null;
    }
}
