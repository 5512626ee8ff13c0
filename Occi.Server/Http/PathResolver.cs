using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// Maps a request path to what it names, from the registry's location table. User mixins add
/// locations at run time, so this is asked per request rather than baked into routes.
/// Paths that could escape the name-space are refused with 400 before anything else looks at them
/// (<see cref="SafePath"/>).
/// </summary>
internal static class PathResolver
{
    public static ResolvedPath Resolve(string path, CategorySnapshot model)
    {
        if (string.IsNullOrEmpty(path)) path = "/";
        SafePath.Check(path);
        if (path is QueryInterfaceOperations.Location or QueryInterfaceOperations.WellKnownLocation or "/-" or "/.well-known/org/ogf/occi/-")
            return new(PathTarget.QueryInterface, path);
        if (model.FindByLocation(path) is { } category)
            return new(category is Kind ? PathTarget.KindCollection : PathTarget.MixinCollection, path, category);
        // "/compute" without the slash still means the collection (curl users type it so). Looked up with the slash
        // added on the stack: most such paths are entities', and the slashed string is made only for a collection.
        if (!path.EndsWith('/') && FindSlashed(path, model) is { } slashless)
            return new(slashless is Kind ? PathTarget.KindCollection : PathTarget.MixinCollection, path + "/", slashless);
        return WithoutCategories(path);
    }

    private static Category? FindSlashed(string path, CategorySnapshot model)
    {
        Span<char> slashed = path.Length < 512 ? stackalloc char[path.Length + 1] : new char[path.Length + 1];
        path.CopyTo(slashed);
        slashed[^1] = '/';
        return model.FindByLocation(slashed);
    }

    /// <summary>What a path names when no category's location is meant: a name-space path, or an entity.</summary>
    public static ResolvedPath WithoutCategories(string path) =>
        path.EndsWith('/') ? new(PathTarget.Namespace, path) : new(PathTarget.Entity, path);

    /// <summary>
    /// The request target as sent: dot segments, plain or percent-encoded, are refused. A segment ends at '/',
    /// a backslash, %2F or %5C; one that holds only '.' or %2E, once or twice, is a dot segment. Read in place: every
    /// request passes here.
    /// </summary>
    public static void CheckRawTarget(string rawTarget)
    {
        var query = rawTarget.IndexOf('?');
        var path = query < 0 ? rawTarget.AsSpan() : rawTarget.AsSpan(0, query);
        var dots = 0; // dots in the segment so far; -1 once anything else was in it
        for (var i = 0; i <= path.Length;)
        {
            var width = i == path.Length ? 1 : SeparatorWidth(path[i..]);
            if (width > 0)
            {
                if (dots is 1 or 2)
                    throw OcciException.BadRequest($"path '{SafePath.Printable(path.ToString())}' contains a '{(dots == 1 ? "." : "..")}' segment");
                dots = 0;
                i += width;
                continue;
            }
            var dot = path[i] == '.' ? 1 : IsEncoded(path[i..], '2', 'e') ? 3 : 0;
            dots = dot == 0 || dots < 0 ? -1 : dots + 1;
            i += Math.Max(dot, 1);
        }
    }

    /// <summary>How many characters the separator at the start of <paramref name="rest"/> takes: 1 for '/' or a backslash, 3 for %2F or %5C, 0 for none.</summary>
    private static int SeparatorWidth(ReadOnlySpan<char> rest) =>
        rest[0] is '/' or '\\' ? 1 : IsEncoded(rest, '2', 'f') || IsEncoded(rest, '5', 'c') ? 3 : 0;

    private static bool IsEncoded(ReadOnlySpan<char> rest, char high, char low) =>
        rest.Length >= 3 && rest[0] == '%' && rest[1] == high && (rest[2] | 0x20) == low;
}
