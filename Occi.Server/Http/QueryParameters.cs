using Occi.Core;
using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// The query parameters this server reads, each where it means something: ?action= on a POST to an entity or
/// a collection (GFD.185 §3.4.4), ?page= and ?number= on a GET of a collection or name-space path (GFD.223
/// §4.5), ?category= on a DELETE of the query interface. Any other, or one where it means nothing
/// (DELETE /compute/x?action=up), is 400 before anything runs rather than silently ignored.
/// </summary>
internal static class QueryParameters
{
    private const string Accepted = "this server reads ?action= on a POST to an entity or collection, ?page= and ?number= on a GET "
        + "of a collection or name-space path, and ?category= on a DELETE of the query interface";

    public static void Check(IQueryCollection query, PathTarget target, string method)
    {
        if (query.Count == 0) return;
        foreach (var (name, values) in query)
        {
            if (!Means(name, target, method))
                throw OcciException.BadRequest($"query parameter '{Uri.EscapeDataString(name)}' means nothing on a {method} of {Describe(target)}; {Accepted}");
            if (values.Count > 1 && !Is(name, "category"))
                throw OcciException.BadRequest($"query parameter '{name}' is given {values.Count} times");
        }
    }

    private static bool Means(string name, PathTarget target, string method) =>
        Is(name, "action") ? method == "POST" && target is PathTarget.Entity or PathTarget.KindCollection or PathTarget.MixinCollection
        : Is(name, "page") || Is(name, "number") ? method is "GET" or "HEAD" && target is PathTarget.KindCollection or PathTarget.MixinCollection or PathTarget.Namespace
        : Is(name, "category") && method == "DELETE" && target == PathTarget.QueryInterface;

    // Query names were matched without case before these rules (?ACTION=start worked): they still are.
    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private static string Describe(PathTarget target) => target switch
    {
        PathTarget.QueryInterface => "the query interface",
        PathTarget.KindCollection => "a kind's collection",
        PathTarget.MixinCollection => "a mixin's collection",
        PathTarget.Namespace => "a name-space path",
        _ => "an entity",
    };
}
