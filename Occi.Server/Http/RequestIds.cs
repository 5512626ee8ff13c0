using Microsoft.Extensions.Primitives;

namespace Occi.Server.Http;

/// <summary>
/// Which incoming request ids are kept: one value of 1 to 128 characters of letters, digits and "-_.:" (what
/// proxies and tracers send: UUIDs, nginx's $request_id, Kestrel's ids). Anything else is replaced by the gateway's
/// own, so a client cannot put line breaks or markup into the logs through it.
/// </summary>
internal static class RequestIds
{
    public const int MaxLength = 128;

    public static string? Accepts(StringValues sent)
    {
        if (sent.Count != 1 || sent[0] is not { Length: > 0 and <= MaxLength } id) return null;
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')) return null;
        return id;
    }
}
