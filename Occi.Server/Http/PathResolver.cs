using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Server.Http;

/// <summary>
/// Maps a request path to what it names, from the registry's location table. User mixins add
/// locations at run time, so this is asked per request rather than baked into routes.
/// Paths that could escape the name-space (dot segments, empty segments, encoded slashes,
/// backslashes, control characters) are refused with 400 before anything else looks at them.
/// </summary>
internal static class PathResolver
{
    public const string QueryInterface = "/-/";
    public const string WellKnownQueryInterface = "/.well-known/org/ogf/occi/-/";

    public static ResolvedPath Resolve(string path, CategorySnapshot model)
    {
        if (string.IsNullOrEmpty(path)) path = "/";
        CheckSafe(path);
        if (path is QueryInterface or WellKnownQueryInterface or "/-" or "/.well-known/org/ogf/occi/-")
            return new(PathTarget.QueryInterface, path);
        if (model.FindByLocation(path) is { } category)
            return new(category is Kind ? PathTarget.KindCollection : PathTarget.MixinCollection, path, category);
        // "/compute" without the slash still means the collection (curl users type it so).
        if (!path.EndsWith('/') && model.FindByLocation(path + "/") is { } slashless)
            return new(slashless is Kind ? PathTarget.KindCollection : PathTarget.MixinCollection, path + "/", slashless);
        return path.EndsWith('/') ? new(PathTarget.Namespace, path) : new(PathTarget.Entity, path);
    }

    public static void CheckSafe(string path)
    {
        if (path[0] != '/') throw OcciException.BadRequest($"path '{path}' must start with '/'");
        if (path.Length > 2048) throw OcciException.BadRequest("path is longer than 2048 characters");
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length)
            {
                var c = path[i];
                if (char.IsControl(c) || c == '\\')
                    throw OcciException.BadRequest($"path '{Printable(path)}' contains a control character or backslash");
                if (c == '%' && i + 2 < path.Length && path[i + 1] == '2' && (path[i + 2] is 'f' or 'F'))
                    throw OcciException.BadRequest($"path '{Printable(path)}' contains an encoded '/'");
                if (c != '/') continue;
            }
            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment is "." or "..")
                throw OcciException.BadRequest($"path '{Printable(path)}' contains a '{segment}' segment");
            if (segment.IsEmpty && i < path.Length)
                throw OcciException.BadRequest($"path '{Printable(path)}' contains an empty segment ('//')");
            segmentStart = i + 1;
        }
    }

    /// <summary>The request target as sent: dot segments, plain or percent-encoded, are refused.</summary>
    public static void CheckRawTarget(string rawTarget)
    {
        var query = rawTarget.IndexOf('?');
        var path = query < 0 ? rawTarget : rawTarget[..query];
        var decoded = path.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase).Replace("%2f", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("%5c", "\\", StringComparison.OrdinalIgnoreCase);
        foreach (var segment in decoded.Split('/', '\\'))
            if (segment is "." or "..")
                throw OcciException.BadRequest($"path '{Printable(path)}' contains a '{segment}' segment");
    }

    private static string Printable(string s) => new(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
