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
        // "/compute" without the slash still means the collection (curl users type it so).
        if (!path.EndsWith('/') && model.FindByLocation(path + "/") is { } slashless)
            return new(slashless is Kind ? PathTarget.KindCollection : PathTarget.MixinCollection, path + "/", slashless);
        return WithoutCategories(path);
    }

    /// <summary>What a path names when no category's location is meant: a name-space path, or an entity.</summary>
    public static ResolvedPath WithoutCategories(string path) =>
        path.EndsWith('/') ? new(PathTarget.Namespace, path) : new(PathTarget.Entity, path);

    /// <summary>The request target as sent: dot segments, plain or percent-encoded, are refused.</summary>
    public static void CheckRawTarget(string rawTarget)
    {
        var query = rawTarget.IndexOf('?');
        var path = query < 0 ? rawTarget : rawTarget[..query];
        var decoded = path.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase).Replace("%2f", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("%5c", "\\", StringComparison.OrdinalIgnoreCase);
        foreach (var segment in decoded.Split('/', '\\'))
            if (segment is "." or "..")
                throw OcciException.BadRequest($"path '{SafePath.Printable(path)}' contains a '{segment}' segment");
    }
}
