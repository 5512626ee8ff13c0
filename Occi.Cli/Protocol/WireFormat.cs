using Occi.Rendering;
using Occi.Rendering.Json;
using Occi.Rendering.Json11;
using Occi.Rendering.Text;
using Occi.Rendering.UriList;

namespace Occi.Cli.Protocol;

/// <summary>
/// The rendering `occi` writes its requests in and asks answers in (--media-type), and the OCCI version it says
/// it speaks (--occi-version): the User-Agent's "OCCI/1.1" is how 1.1 servers (and this gateway's Auto dialect)
/// know to answer application/occi+json in the OCCI 1.1 JSON of rOCCI rather than GFD.225's.
/// </summary>
internal sealed class WireFormat
{
    public const string TextPlain = TextPlainRendering.PlainMediaType;
    public const string TextOcci = TextOcciRendering.OcciMediaType;
    public const string Json = JsonRendering.OcciJson;

    public static readonly string[] MediaTypes = [TextPlain, TextOcci, Json];
    public static readonly string[] Versions = ["1.2", "1.1"];

    public WireFormat(string mediaType, string occiVersion)
    {
        MediaType = mediaType;
        OcciVersion = occiVersion;
        Requests = mediaType switch
        {
            TextOcci => new TextOcciRendering(),
            Json when occiVersion == "1.1" => new Json11Rendering(),
            Json => new JsonRendering(),
            _ => new TextPlainRendering(),
        };
    }

    public string MediaType { get; }
    public string OcciVersion { get; }

    /// <summary>Renders request bodies (entities, locations).</summary>
    public IOcciRendering Requests { get; }

    public bool IsJson => MediaType == Json;

    /// <summary>A 1.1 server may not know text/plain's sibling; listings also take uri-list, which every OCCI server offers.</summary>
    public string Accept => MediaType == Json ? Json : MediaType + ",text/uri-list;q=0.5";

    public string UserAgent => $"occi-cli/{typeof(WireFormat).Assembly.GetName().Version?.ToString(3)} OCCI/{OcciVersion}";

    /// <summary>The parser of an answer of that Content-Type; null when `occi` reads no such rendering.</summary>
    public static IOcciRendering? ReaderOf(string? contentType) => contentType?.ToLowerInvariant() switch
    {
        TextPlain or TextPlainRendering.OcciPlainMediaType => new TextPlainRendering(),
        TextOcci => new TextOcciRendering(),
        UriListRendering.UriListMediaType => new UriListRendering(),
        // Either JSON dialect: the 1.1 reader hands a GFD.225 body to the 1.2 parser by its shape.
        Json or "application/json" => new Json11Rendering(),
        _ => null,
    };
}
