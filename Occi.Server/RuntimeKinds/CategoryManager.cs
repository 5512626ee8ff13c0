using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Rendering;

namespace Occi.Server.RuntimeKinds;

/// <summary>
/// pyOCNI's category manager (issue 19): kinds and actions an operator defines, redefines and deletes on the query
/// interface while the server runs, and the providers that serve a runtime kind. What GFD.183, GFD.184 or the backend
/// define is the server's: it cannot be redefined or deleted (409). Every change is checked whole before anything is
/// written, stored (so it survives a restart), then put in the registry. Each is called in the turn, taken alone by the
/// query interface for everything its request changes, user mixins too (<see cref="KindChangeTurn"/>): two changes'
/// checks never pass on the same free location, and the writes that depend on runtime kinds or on a location a change
/// may claim, which share it, are either done before its checks or start after it.
/// </summary>
internal sealed class CategoryManager(CategoryRegistry registry, ICategoryStore categories, IEntityStore entities, ProviderAssignments assignments)
{
    /// <summary>
    /// Defines (<paramref name="replace"/> false: POST) or redefines (true: PUT) runtime kinds and actions. A kind's
    /// location must be free (another category's is 409); a redefined kind with entities keeps its location.
    /// </summary>
    public async Task DefineAsync(IReadOnlyList<Category> definitions, bool replace, Func<string, CancellationToken, Task<bool>> holdsEntities, CancellationToken ct)
    {
        var model = registry.Current;
        foreach (var c in definitions) CheckDefinable(c, model.Find(c.Id), replace);
        var locations = new Dictionary<string, CategoryId>(StringComparer.Ordinal);
        foreach (var kind in definitions.OfType<Kind>())
        {
            var location = kind.Location ?? throw OcciException.BadRequest($"kind {kind.Id} needs a location: the path of its collection, such as /{kind.Term}/");
            if (!locations.TryAdd(location, kind.Id)) throw OcciException.Conflict($"kinds {locations[location]} and {kind.Id} are given the same location {location}");
            if (model.FindByLocation(location) is { } holder && holder.Id != kind.Id)
                throw OcciException.Conflict($"location {location} of kind {kind.Id} is already the location of {holder.ClassName} {holder.Id}");
            if (NestedCollection(location, kind.Id, model, locations) is { } nested)
                throw OcciException.Conflict($"location {location} of kind {kind.Id} and the collection {nested} lie one inside the other; collections do not nest");
            var previous = model.FindKind(kind.Id);
            if (previous?.Location == location) continue;
            if (previous?.Location is { } old && await HasMembersAsync(previous.Id, ct))
                throw OcciException.Conflict($"kind {kind.Id} has entities at {old}; its location stays while it has them");
            if (await holdsEntities(location, ct)) throw OcciException.Conflict($"location {location} of kind {kind.Id} already holds entities");
        }
        var resolved = RuntimeDefinitions.Resolve(definitions, model);
        foreach (var c in resolved.Where(r => definitions.Any(d => d.Id == r.Id)))
            await categories.PutRuntimeCategoryAsync(new RuntimeCategory(c, assignments.Of(c.Id)), ct);
        registry.Add([.. resolved]);
    }

    /// <summary>
    /// A collection's location that <paramref name="location"/> lies inside or holds (the kind's own aside). Forbidding
    /// it keeps every entity made in its own kind's collection out of every other collection, which is why a create
    /// of a built-in kind there need not wait for kind changes (<see cref="KindChangeTurn"/>); the PUT of an entity
    /// below a collection is refused the same way.
    /// </summary>
    private static string? NestedCollection(string location, CategoryId kind, CategorySnapshot model, Dictionary<string, CategoryId> batch)
    {
        foreach (var other in model.Categories.Where(c => c.Id != kind).Select(CategorySnapshot.LocationOf).Concat(batch.Keys))
            if (other is not null && other != location && (other.StartsWith(location, StringComparison.Ordinal) || location.StartsWith(other, StringComparison.Ordinal)))
                return other;
        return null;
    }

    /// <summary>GFD.183/GFD.184's and the backend's categories are not redefined; a runtime one is redefined by PUT only.</summary>
    private static void CheckDefinable(Category given, Category? existing, bool replace)
    {
        switch (existing)
        {
            case null when replace:
                throw OcciException.NotFound($"no {given.ClassName} {given.Id} to redefine; POST /-/ defines it");
            case null:
                return;
            case Kind { IsRuntime: true } or OcciAction { IsRuntime: true } when existing.GetType() != given.GetType():
                throw OcciException.Conflict($"{given.Id} is a {existing.ClassName}; it cannot be redefined as a {given.ClassName}");
            case Kind { IsRuntime: true } or OcciAction { IsRuntime: true } when !replace:
                throw OcciException.Conflict($"{existing.ClassName} {given.Id} already exists; PUT /-/ redefines it");
            case Kind { IsRuntime: true } or OcciAction { IsRuntime: true }:
                return;
            case Mixin:
                throw OcciException.Conflict($"{given.Id} is a mixin of this server; it cannot be redefined as a {given.ClassName}");
            default:
                throw OcciException.Conflict(BuiltIn(existing, "redefined"));
        }
    }

    private static string BuiltIn(Category c, string what) =>
        $"{c.ClassName} {c.Id} is built in (GFD.183, GFD.184 or the backend's) and cannot be {what}; only kinds and actions defined on /-/ can";

    /// <summary>
    /// Deletes runtime kinds and actions. A kind with entities, one another kind inherits from, and an action a kind
    /// (not deleted with it) names, stay: 409, nothing deleted.
    /// </summary>
    public async Task DeleteAsync(IReadOnlyList<Category> doomed, CancellationToken ct)
    {
        var model = registry.Current;
        var ids = doomed.Select(c => c.Id).ToHashSet();
        foreach (var c in doomed)
        {
            if (c is not (Kind { IsRuntime: true } or OcciAction { IsRuntime: true })) throw OcciException.Conflict(BuiltIn(c, "deleted"));
            if (c is Kind kind)
            {
                if (await HasMembersAsync(kind.Id, ct)) throw OcciException.Conflict($"kind {kind.Id} has entities at {kind.Location}; delete them first");
                if (model.Kinds.FirstOrDefault(k => k.Parent?.Id == kind.Id && !ids.Contains(k.Id)) is { } child)
                    throw OcciException.Conflict($"kind {kind.Id} is the parent of kind {child.Id}; delete that first, or both at once");
            }
            else if (model.Kinds.FirstOrDefault(k => !ids.Contains(k.Id) && k.Actions.Any(a => a.Id == c.Id)) is { } user)
                throw OcciException.Conflict($"action {c.Id} is an action of kind {user.Id}; redefine or delete that first, or both at once");
        }
        foreach (var c in doomed)
        {
            await categories.DeleteRuntimeCategoryAsync(c.Id, ct);
            assignments.Remove(c.Id);
        }
        registry.Remove([.. ids]);
    }

    /// <summary>
    /// pyOCNI's update_provider: the providers that serve each runtime kind from now on. A built-in kind's provider is
    /// the configuration's; a kind with entities keeps the provider that made them (moving would strand them).
    /// </summary>
    public async Task AssignAsync(IReadOnlyList<KindProviders> given, CancellationToken ct)
    {
        var model = registry.Current;
        var kinds = new List<(Kind Kind, ProviderAssignment Providers)>();
        foreach (var (id, providers) in given)
        {
            var kind = model.Find(id) switch
            {
                Kind { IsRuntime: true } k => k,
                Kind k => throw OcciException.Conflict($"kind {k.Id} is built in; the providers that serve it are configured (Occi:Providers), not set on /-/"),
                null => throw OcciException.NotFound($"no kind {id}: define it on /-/ first"),
                var other => throw OcciException.BadRequest($"{id} is a {other.ClassName}; providers serve kinds"),
            };
            if (providers.Local.Concat(providers.Remote).FirstOrDefault(n => n != ProviderAssignment.StoreOnly && !assignments.IsProvider(n)) is { } unknown)
                throw OcciException.BadRequest($"provider '{unknown}' named for kind {id} is not configured; name one of Occi:Providers, or '{ProviderAssignment.StoreOnly}' for the store alone");
            if (providers.Serving != assignments.Of(id).Serving && await HasMembersAsync(id, ct))
                throw OcciException.Conflict($"kind {id} has entities; they stay with the provider that made them ({assignments.Of(id).Serving ?? "the store alone"})");
            kinds.Add((kind, providers));
        }
        foreach (var (kind, providers) in kinds)
        {
            await categories.PutRuntimeCategoryAsync(new RuntimeCategory(kind, providers), ct);
            assignments.Set(kind.Id, providers);
        }
    }

    private async Task<bool> HasMembersAsync(CategoryId kind, CancellationToken ct) =>
        await entities.CountAsync(new EntityQuery { Kinds = [kind] }, ct) > 0;
}
