using Microsoft.Extensions.Primitives;
using Occi.Core.BackendContracts;

namespace Occi.Server.Http;

/// <summary>
/// RFC 9111 §5.2.1.4: a request's Cache-Control: no-cache asks that no stored answer be used without checking with the
/// origin; here the origin is the cloud, so the backend is asked now (<see cref="ReadFreshness.Live"/>). Pragma: no-cache
/// (§5.4) counts the same when there is no Cache-Control. Anything else lets the backend answer from what it knows.
/// </summary>
internal static class ReadFreshnessHeader
{
    public static ReadFreshness Of(IHeaderDictionary headers)
    {
        var cacheControl = headers.CacheControl;
        if (cacheControl.Count > 0) return Asks(cacheControl) ? ReadFreshness.Live : ReadFreshness.Known;
        return Asks(headers.Pragma) ? ReadFreshness.Live : ReadFreshness.Known;
    }

    private static bool Asks(StringValues values)
    {
        foreach (var value in values)
            if (value is not null && value.Contains("no-cache", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
