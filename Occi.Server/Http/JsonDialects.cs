using Occi.Rendering;
using Occi.Rendering.Json11;

namespace Occi.Server.Http;

/// <summary>
/// Both JSON dialects are application/occi+json (README "JSON dialects"): after <see cref="Negotiation"/> picked
/// the JSON rendering, this picks the dialect — by Occi:Json:Dialect, the client's User-Agent, or its body.
/// </summary>
internal static class JsonDialects
{
    /// <summary>
    /// The JSON dialect a client reads, as far as the request line and headers tell: the configured one, or
    /// with Auto the version in the User-Agent (rOCCI 4.x sends "… OCCI/1.1 …"). Null: the body decides.
    /// </summary>
    public static JsonDialect? Of(JsonDialect configured, string? userAgent)
    {
        if (configured != JsonDialect.Auto) return configured;
        if (string.IsNullOrEmpty(userAgent)) return null;
        var agent = userAgent.AsSpan();
        if (agent.Contains("OCCI/1.1", StringComparison.OrdinalIgnoreCase)) return JsonDialect.Occi11;
        if (agent.Contains("OCCI/1.2", StringComparison.OrdinalIgnoreCase)) return JsonDialect.Occi12;
        return null;
    }

    /// <summary>The JSON rendering of that dialect in place of the GFD.226 one; other renderings stay.</summary>
    public static IOcciRendering For(IOcciRendering rendering, JsonDialect? dialect, RenderingCatalog catalog) =>
        dialect == JsonDialect.Occi11 && rendering == catalog.Json ? catalog.Json11 : rendering;
}
