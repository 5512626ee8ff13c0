using Occi.Core;

namespace Occi.Server.Operations;

/// <summary>
/// Paths that could escape the name-space (dot segments, empty segments, encoded slashes, backslashes,
/// control characters) are refused with 400: a request's path before it is resolved, and a user mixin's
/// location before it becomes one.
/// </summary>
internal static class SafePath
{
    public static void Check(string path)
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

    /// <summary>The path for an error message: control characters shown as '?'.</summary>
    public static string Printable(string s) => new(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
