using Occi.Core.Model;
using Occi.Rendering;

namespace Occi.Server.Http;

/// <summary>
/// Clients name entities by absolute URL (X-OCCI-Location, Link targets) or by path. Inside the
/// server every location is a path: absolute URLs on this server's authority are cut to their path;
/// others are kept as they are (a link may target a resource elsewhere).
/// </summary>
internal static class LocationNormalizer
{
    public static void Normalize(OcciRequest request, string baseUrl, string requestAuthority)
    {
        for (var i = 0; i < request.Locations.Count; i++) request.Locations[i] = ToPath(request.Locations[i], baseUrl, requestAuthority);
        // A filter on a link's ends (GET /link/?occi.core.source=…) names them as a client does.
        foreach (var name in (ReadOnlySpan<string>)[Link.SourceAttribute, Link.TargetAttribute])
            if (request.Attributes.GetString(name) is { } end) request.Attributes[name] = ToPath(end, baseUrl, requestAuthority);
        foreach (var e in request.Entities)
        {
            if (e.Location is not null) e.Location = ToPath(e.Location, baseUrl, requestAuthority);
            if (e is Link l) Normalize(l, baseUrl, requestAuthority);
            if (e is Resource r) foreach (var link in r.Links) Normalize(link, baseUrl, requestAuthority);
        }
    }

    private static void Normalize(Link l, string baseUrl, string requestAuthority)
    {
        l.Source = ToPath(l.Source, baseUrl, requestAuthority);
        l.Target = ToPath(l.Target, baseUrl, requestAuthority);
        if (l.Location is not null) l.Location = ToPath(l.Location, baseUrl, requestAuthority);
    }

    public static string ToPath(string location, string baseUrl, string requestAuthority)
    {
        if (string.IsNullOrEmpty(location) || location[0] == '/') return location;
        if (location.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase) && location.Length > baseUrl.Length && location[baseUrl.Length] == '/')
            return location[baseUrl.Length..];
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.Equals(uri.Authority, requestAuthority, StringComparison.OrdinalIgnoreCase))
            return Uri.UnescapeDataString(uri.AbsolutePath);
        return location;
    }
}
