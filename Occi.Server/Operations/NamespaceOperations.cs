using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Rendering;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>
/// GFD.185 §3.4.2: a path that is no category's location lists the entities below it and deletes
/// them all on DELETE. POST on the root with a Kind creates at that kind's location (the OGF
/// compliance tests do this). A path below which nothing lies — no entity the caller sees, no collection — is
/// 404: the name-space holds only the paths that lead somewhere.
/// </summary>
internal sealed class NamespaceOperations(EntityReader reader, EntityCreator creator, EntityDeleter deleter, CategoryRegistry registry)
{
    public const string Allowed = "GET, HEAD, DELETE";
    public const string RootAllowed = "GET, HEAD, POST, DELETE";

    public async ValueTask<OcciResult> ExecuteAsync(OcciCall call, CancellationToken ct)
    {
        var isRoot = call.Path.Path == "/";
        if (!isRoot && call.Method is "GET" or "HEAD" or "DELETE" && !await LeadsSomewhereAsync(call, ct))
            throw OcciException.NotFound(EntityLocations.CaseInsensitiveMatch(call.Path.Path, registry.Current, c => Tenancy.Sees(call.Caller, c)) is { } meant
                ? $"nothing is at {call.Path.Path}; locations are case-sensitive: did you mean {meant}?"
                : $"nothing is at {call.Path.Path}: no entity lies below it and it leads to no collection");
        switch (call.Method)
        {
            case "GET" or "HEAD":
                var query = new EntityQuery { LocationPrefix = call.Path.Path };
                if (call.Request.Attributes.Count > 0) query = query with { Attributes = call.Request.Attributes.ToArray() };
                if (call.Paging is { } p) query = query with { Skip = p.Skip, Take = p.Number };
                return call.Output.RendersCollectionsInFull
                    ? new CollectionResult(call.Output is ICollectionStreaming
                        ? await reader.ListInPagesAsync(call.Caller, query, call.Request.Categories, ct)
                        : await reader.ListAsync(call.Caller, query, call.Request.Categories, ct))
                    : new LocationsResult(await reader.ListLocationsAsync(call.Caller, query, call.Request.Categories, ct));
            case "DELETE":
                await deleter.DeleteAllAsync(call.Caller, new EntityQuery { LocationPrefix = call.Path.Path }, ct);
                return new EmptyResult();
            case "POST" when isRoot:
                var entity = CollectionOperations.SingleEntity(call, null);
                var kind = registry.Current.FindKind(entity.Kind)
                    ?? throw OcciException.BadRequest(entity.Kind == default
                        ? "POST on / needs the Category of the kind to create"
                        : $"kind {entity.Kind} is not known to this server");
                if (kind.IsOrInherits(CoreCategories.Link.Id) != entity is Link)
                    throw OcciException.BadRequest($"kind {kind.Id} needs {(entity is Link ? "no" : "a")} source and target");
                return CollectionOperations.Created(call, await creator.CreateAsync(call.Caller, entity, null, ct));
            default:
                throw call.MethodNotAllowed(isRoot ? RootAllowed : Allowed);
        }
    }

    /// <summary>A collection's location the caller sees starts with the path ("/link/", "/mixin/"), or an entity the caller sees lies below it.</summary>
    private async Task<bool> LeadsSomewhereAsync(OcciCall call, CancellationToken ct)
    {
        var path = call.Path.Path;
        foreach (var c in registry.Current.Categories)
            if (CategorySnapshot.LocationOf(c) is { } location && location.StartsWith(path, StringComparison.Ordinal) && Tenancy.Sees(call.Caller, c)) return true;
        return (await reader.ListLocationsAsync(call.Caller, new EntityQuery { LocationPrefix = path, Take = 1 }, [], ct)).Count > 0;
    }
}
