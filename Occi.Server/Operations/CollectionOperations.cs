using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Rendering;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>
/// GFD.185 §3.4.2–3.4.3: kind and mixin collections. GET lists (filtered, paged), POST creates an
/// entity (kind) or adds members (mixin), POST ?action= triggers on every member, PUT replaces a
/// mixin's members, DELETE removes every entity of a kind or the listed members of a mixin.
/// </summary>
internal sealed class CollectionOperations(EntityReader reader, EntityCreator creator, EntityDeleter deleter, EntityActions actions,
    MixinMembership membership, CategoryRegistry registry)
{
    public const string KindAllowed = "GET, HEAD, POST, DELETE";
    public const string MixinAllowed = "GET, HEAD, POST, PUT, DELETE";

    public async ValueTask<OcciResult> ExecuteAsync(OcciCall call, CancellationToken ct)
    {
        var isKind = call.Path.Category is Kind;
        return (call.Method, isKind) switch
        {
            ("GET" or "HEAD", _) => await ListAsync(call, ct),
            ("POST", _) when call.ActionTerm is not null => await TriggerOnAllAsync(call, ct),
            ("POST", true) => await CreateAsync(call, (Kind)call.Path.Category!, ct),
            ("POST", false) => await AssociateAsync(call, replace: false, ct),
            ("PUT", false) => await AssociateAsync(call, replace: true, ct),
            ("DELETE", true) => await DeleteAllAsync(call, ct),
            ("DELETE", false) => await DissociateAsync(call, ct),
            _ => throw call.MethodNotAllowed(isKind ? KindAllowed : MixinAllowed),
        };
    }

    public EntityQuery QueryOf(OcciCall call, bool withPaging = true)
    {
        var model = registry.Current;
        var query = call.Path.Category switch
        {
            Kind k => new EntityQuery { Kinds = model.Kinds.Where(x => x.IsOrInherits(k.Id)).Select(x => x.Id).ToArray() },
            Mixin m => new EntityQuery { Mixin = m.Id },
            _ => new EntityQuery { LocationPrefix = call.Path.Path },
        };
        if (call.Request.Attributes.Count > 0)
            query = query with { Attributes = call.Request.Attributes.ToArray() };
        if (withPaging && call.Paging is { } p) query = query with { Skip = p.Skip, Take = p.Number };
        return query;
    }

    public async Task<OcciResult> ListAsync(OcciCall call, CancellationToken ct)
    {
        if (!call.Output.RendersCollectionsInFull)
            return new LocationsResult(await reader.ListLocationsAsync(call.Caller, QueryOf(call), call.Request.Categories, ct));
        return new CollectionResult(call.Output is ICollectionStreaming
            ? await reader.ListInPagesAsync(call.Caller, QueryOf(call), call.Request.Categories, ct)
            : await reader.ListAsync(call.Caller, QueryOf(call), call.Request.Categories, ct));
    }

    private async Task<OcciResult> CreateAsync(OcciCall call, Kind kind, CancellationToken ct)
    {
        if (call.Request.Entities.Count > 1) return await CreateEachAsync(call, kind, ct);
        var entity = OfKind(SingleEntity(call, kind), kind);
        return Created(call, await creator.CreateAsync(call.Caller, entity, null, ct));
    }

    private Entity OfKind(Entity entity, Kind kind)
    {
        if (entity.Kind == default) entity.Kind = kind.Id;
        else if (registry.Current.FindKind(entity.Kind) is not { } given || !given.IsOrInherits(kind.Id))
            throw OcciException.BadRequest($"kind {entity.Kind} cannot be created in the collection of {kind.Id} ({kind.Location})");
        return entity;
    }

    /// <summary>
    /// Several resources in one POST (pyOCNI's post_resources): each is created, and the answer lists their
    /// locations. All or none: when one fails, those already created are deleted again (from the backend and the
    /// store) before the error, which keeps the failure's status and says which resource failed and why.
    /// </summary>
    private async Task<OcciResult> CreateEachAsync(OcciCall call, Kind kind, CancellationToken ct)
    {
        var entities = call.Request.Entities;
        foreach (var e in entities) OfKind(e, kind);
        var created = new List<string>();
        for (var i = 0; i < entities.Count; i++)
        {
            var given = string.IsNullOrEmpty(entities[i].Id) ? "" : $" (id {entities[i].Id})";
            try
            {
                created.Add((await creator.CreateAsync(call.Caller, entities[i], null, ct)).Entity.Location!);
            }
            catch (Exception e)
            {
                var undone = await UndoCreatesAsync(call, created);
                if (e is not OcciException failure) throw;
                var what = created.Count == 0 ? "none was created before it"
                    : undone == created.Count ? $"the {created.Count} created before it {(created.Count == 1 ? "was" : "were")} deleted again"
                    : $"{undone} of the {created.Count} created before it {(undone == 1 ? "was" : "were")} deleted again, the others are left to reconciliation";
                throw new OcciException(failure.Kind, $"resource {i + 1} of {entities.Count}{given} was not created: {failure.Message}; {what}", failure)
                { RetryAfter = failure.RetryAfter };
            }
        }
        return new LocationsResult(created, 201, created[0]);
    }

    /// <summary>Deletes what a multi-resource create made before one failed; how many went.</summary>
    private async Task<int> UndoCreatesAsync(OcciCall call, List<string> created)
    {
        var undone = 0;
        foreach (var location in created)
        {
            try
            {
                // Not the request's token: a client gone away must not leave half of its create behind.
                await deleter.DeleteAsync(call.Caller, location, WriteCondition.None, CancellationToken.None);
                undone++;
            }
            catch (OcciException) { /* the first error is the one to report; reconciliation sees the rest */ }
        }
        return undone;
    }

    /// <summary>The body's one entity; a Link kind turns the parsed resource into a link.</summary>
    public static Entity SingleEntity(OcciCall call, Kind? kind)
    {
        var request = call.Request;
        if (request.Entities.Count > 1) throw OcciException.BadRequest($"the request describes {request.Entities.Count} entities; create them one at a time");
        if (request.Entities.Count == 0)
        {
            if (kind is null) throw OcciException.BadRequest("the request names no kind: send a Category of class \"kind\"");
            return kind.IsOrInherits(CoreCategories.Link.Id) ? new Link() : new Resource();
        }
        return request.Entities[0];
    }

    public static OcciResult Created(OcciCall call, StoredEntity created) =>
        call.PreferRepresentation || call.Output.RendersCollectionsInFull
            ? EntityResult.Of(created, call.PreferRepresentation ? 200 : 201, created.Entity.Location)
            : new LocationsResult([created.Entity.Location!], 201, created.Entity.Location) { Version = created.Version };

    /// <summary>
    /// GFD.185 §3.4.4 on a collection: the action applies to every member it is allowed on. A member that
    /// refuses it (its state, its kind, a backend error on that member) is skipped, the others still take
    /// it, and the 200 answer lists the skipped members and why (<see cref="CollectionActionResult"/>).
    /// When no member took it and no member refused it for its state (the action or its attributes fit
    /// none, or the backend failed on all), the request as a whole failed: that error, nothing changed.
    /// </summary>
    private async Task<OcciResult> TriggerOnAllAsync(OcciCall call, CancellationToken ct)
    {
        // The body names the action and its attributes: they are no filter on the members.
        var plain = call with { Request = new Occi.Rendering.OcciRequest() };
        var members = await reader.ListAsync(call.Caller, QueryOf(plain, withPaging: false), [], ct);
        var applied = new List<string>();
        var skipped = new List<(SkippedMember Member, OcciErrorKind Kind, TimeSpan? RetryAfter)>();
        CategoryId? action = null;
        foreach (var member in members)
        {
            try
            {
                var invocation = ActionOf(call, member, registry.Current);
                action ??= invocation.Action;
                await actions.InvokeAsync(call.Caller, member.Location!, invocation, WriteCondition.None, ct);
                applied.Add(member.Location!);
            }
            catch (OcciException e) when (e.Kind is OcciErrorKind.Conflict or OcciErrorKind.BadRequest or OcciErrorKind.NotFound
                                              or OcciErrorKind.BackendFailure or OcciErrorKind.Unavailable)
            {
                skipped.Add((new SkippedMember(member.Location!, e.Message), e.Kind, e.RetryAfter));
            }
        }
        if (skipped.Count == 0) return new EmptyResult();
        if (applied.Count == 0 && skipped.All(s => s.Kind is not (OcciErrorKind.Conflict or OcciErrorKind.NotFound)))
            throw new OcciException(skipped[0].Kind, $"action {call.ActionTerm} was applied to none of the {members.Count} members:\n"
                + string.Join("\n", skipped.Select(s => $"{s.Member.Location}: {s.Member.Reason}")))
            { RetryAfter = skipped[0].RetryAfter }; // an open circuit breaker: when to try again
        return new CollectionActionResult(action ?? ActionIdOf(call, members), applied, skipped.Select(s => s.Member).ToArray());
    }

    /// <summary>The action's id for the report when no member accepted the invocation: the request's, or the first member's of that term.</summary>
    private CategoryId ActionIdOf(OcciCall call, IReadOnlyList<Entity> members) =>
        call.Request.Action?.Action
        ?? members.SelectMany(m => registry.Current.ActionsOf(m.Kind, m.Mixins)).FirstOrDefault(a => a.Term == call.ActionTerm)?.Id
        ?? new CategoryId("", call.ActionTerm!);

    /// <summary>
    /// The invocation named by ?action=term: the body's action category must have that term (GFD.185
    /// §3.4.4); with no action category, the member's own action of that term is meant (curl users).
    /// </summary>
    public static ActionInvocation ActionOf(OcciCall call, Entity target, CategorySnapshot model)
    {
        var term = call.ActionTerm!;
        if (call.Request.Action is { } given)
        {
            if (given.Action.Term != term)
                throw OcciException.BadRequest($"?action={term} does not match the action category {given.Action} in the request");
            return given;
        }
        var action = model.ActionsOf(target.Kind, target.Mixins).FirstOrDefault(a => a.Term == term)
            ?? throw OcciException.BadRequest($"no action '{term}' is defined for {target.Kind}");
        return new ActionInvocation(action.Id, call.Request.Attributes.Clone());
    }

    private async Task<OcciResult> AssociateAsync(OcciCall call, bool replace, CancellationToken ct)
    {
        var mixin = (Mixin)call.Path.Category!;
        if (call.Request.Locations.Count == 0 && !replace)
            throw OcciException.BadRequest($"POST to mixin collection {call.Path.Path} needs the locations of the entities to add (X-OCCI-Location, or a JSON list of locations)");
        await membership.AssociateAsync(call.Caller, mixin, call.Request.Locations.Distinct().ToArray(), replace, ct);
        return new EmptyResult();
    }

    private async Task<OcciResult> DissociateAsync(OcciCall call, CancellationToken ct)
    {
        var mixin = (Mixin)call.Path.Category!;
        if (call.Request.Locations.Count == 0)
            throw OcciException.BadRequest($"DELETE on mixin collection {call.Path.Path} needs the locations of the entities to remove (X-OCCI-Location, or a JSON list of locations)");
        await membership.DissociateAsync(call.Caller, mixin, call.Request.Locations, ct);
        return new EmptyResult();
    }

    private async Task<OcciResult> DeleteAllAsync(OcciCall call, CancellationToken ct)
    {
        await deleter.DeleteAllAsync(call.Caller, QueryOf(call, withPaging: false), ct);
        return new EmptyResult();
    }
}
