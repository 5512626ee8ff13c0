using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>
/// GFD.185 §3.4.3–3.4.4 on one entity: GET renders it; POST updates partially (mixins, attributes,
/// links) or triggers ?action=; PUT replaces it or creates it at that path; DELETE removes it and its links.
/// </summary>
internal sealed class EntityOperations(EntityReader reader, EntityUpdater updater, EntityDeleter deleter, EntityActions actions,
    VisibleEntities visible, CategoryRegistry registry)
{
    public const string Allowed = "GET, HEAD, POST, PUT, DELETE";

    public async ValueTask<OcciResult> ExecuteAsync(OcciCall call, CancellationToken ct)
    {
        var location = call.Path.Path;
        switch (call.Method)
        {
            case "GET" or "HEAD":
                return EntityResult.Of(await reader.GetAsync(call.Caller, location, ct, call.Freshness));
            case "POST" when call.ActionTerm is not null:
                {
                    var current = (await visible.FindAsync(call.Caller, location, ct)).Entity;
                    var invocation = CollectionOperations.ActionOf(call, current, registry.Current);
                    return EntityResult.Of(await actions.InvokeAsync(call.Caller, location, invocation, call.Condition, ct));
                }
            case "POST":
                {
                    if (call.Request.Action is not null)
                        throw OcciException.BadRequest("an action category needs ?action=term in the URL");
                    var update = call.Request.Entities.Count switch
                    {
                        0 => UpdateFromBareRequest(call),
                        1 => call.Request.Entities[0],
                        var n => throw OcciException.BadRequest($"the request describes {n} entities; update one at a time"),
                    };
                    return EntityResult.Of(await updater.UpdateAsync(call.Caller, location, update, call.Condition, ct));
                }
            case "PUT":
                {
                    var replacement = CollectionOperations.SingleEntity(call, null);
                    EntityLocations.CheckPutTarget(location, replacement, registry.Current);
                    var (entity, created) = await updater.ReplaceAsync(call.Caller, location, replacement, call.Condition, ct);
                    return created ? CollectionOperations.Created(call, entity) : EntityResult.Of(entity);
                }
            case "DELETE":
                await deleter.DeleteAsync(call.Caller, location, call.Condition, ct);
                return new EmptyResult();
            default:
                throw call.MethodNotAllowed(Allowed);
        }
    }

    /// <summary>A POST that only names mixins (rOCCI's "update with mixins") or only attributes.</summary>
    private Entity UpdateFromBareRequest(OcciCall call)
    {
        var update = new Resource();
        var model = registry.Current;
        foreach (var id in call.Request.Categories)
        {
            switch (model.Find(id) is var found && Tenancy.Sees(call.Caller, found) ? found : null)
            {
                case Mixin: update.Mixins.Add(id); break;
                case null: throw OcciException.BadRequest($"category {id} is not known to this server");
            }
        }
        foreach (var (name, value) in call.Request.Attributes) update.Attributes[name] = value;
        return update;
    }
}
