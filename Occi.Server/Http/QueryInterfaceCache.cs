using System.Collections.Concurrent;
using Occi.Rendering;

namespace Occi.Server.Http;

/// <summary>
/// The whole model's rendering per media type and base URL, kept until the registry changes
/// (a user mixin added or removed): rOCCI starts every run with GET /-/. Keyed by the rendering itself:
/// both JSON dialects are application/occi+json.
/// </summary>
internal sealed class QueryInterfaceCache
{
    private readonly ConcurrentDictionary<(IOcciRendering Rendering, string BaseUrl), Entry> _entries = new();

    public sealed record Entry(long Version, KeyValuePair<string, string>[] Headers, byte[] Body);

    public bool TryGet(IOcciRendering rendering, RenderContext context, out Entry entry)
    {
        if (_entries.TryGetValue((rendering, context.BaseUrl), out entry!) && entry.Version == context.Model.Version) return true;
        entry = null!;
        return false;
    }

    public void Put(IOcciRendering rendering, RenderContext context, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        if (_entries.Count > 64) _entries.Clear(); // many Host names: don't grow without bound
        _entries[(rendering, context.BaseUrl)] = new Entry(context.Model.Version, headers.ToArray(), body.ToArray());
    }
}
