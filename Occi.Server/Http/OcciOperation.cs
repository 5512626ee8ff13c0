using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// Which OCCI operation a request turned out to be, as the endpoint found it: the target and, with the method,
/// the label of the request metrics (never the entity's path, so the series stay few). Set as a request
/// feature by <see cref="OcciEndpoint"/>; one shared instance per target, so setting it allocates nothing.
/// </summary>
internal sealed class OcciOperation
{
    private OcciOperation(string name, int index) => (Name, Index) = (name, index);

    /// <summary>The metric label: query_interface, kind_collection, mixin_collection, namespace, entity, quota, or unresolved.</summary>
    public string Name { get; }

    /// <summary>0 to <see cref="Count"/> − 1: where the request metric keeps this operation's label sets.</summary>
    public int Index { get; }

    /// <summary>How many operations there are.</summary>
    public const int Count = 7;

    /// <summary>A request the endpoint refused before it knew the target (401, 406, a bad path), or not an OCCI path at all.</summary>
    public static readonly OcciOperation Unresolved = new("unresolved", 0);

    /// <summary>GET /-/quota.</summary>
    public static readonly OcciOperation Quota = new("quota", 1);

    private static readonly OcciOperation[] ByTarget =
    [
        new("query_interface", 2), new("kind_collection", 3), new("mixin_collection", 4), new("namespace", 5), new("entity", 6),
    ];

    public static OcciOperation Of(PathTarget target) => (int)target < ByTarget.Length ? ByTarget[(int)target] : Unresolved;
}
