using Occi.Core;
using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>
/// GFD.185 §3.4 / GFD.223 §4.1: the query interface. GET lists the categories (filtered by the
/// Category the client names), POST adds user mixins, DELETE removes them and detaches them from
/// every entity. Kinds and provider mixins are the server's: deleting one is forbidden. A user mixin is its
/// tenant's (issue 14): listed, used and deleted by that tenant's callers (and admins) only; to the others it does not exist.
/// </summary>
internal sealed class QueryInterfaceOperations(CategoryRegistry registry, ICategoryStore categories, EntityReader reader, MixinMembership membership)
{
    public const string Allowed = "GET, HEAD, POST, DELETE";

    /// <summary>The query interface's location (GFD.185 §3.4.1), and the well-known one clients find it at (GFD.223 §4.1).</summary>
    public const string Location = "/-/";
    public const string WellKnownLocation = "/.well-known/org/ogf/occi/-/";

    public async ValueTask<OcciResult> ExecuteAsync(OcciCall call, CancellationToken ct) => call.Method switch
    {
        "GET" or "HEAD" => Get(call),
        "POST" => await AddMixinsAsync(call, ct),
        "DELETE" => await RemoveMixinsAsync(call, ct),
        _ => throw call.MethodNotAllowed(Allowed),
    };

    private CategoriesResult? _wholeModel;

    private CategoriesResult Get(OcciCall call)
    {
        var snapshot = registry.Current;
        var hidden = HiddenFrom(call, snapshot);
        // The usual GET /-/ names no category: the snapshot's own list, with nothing copied per request, unless another
        // tenant's user mixins must be left out of it.
        if (call.Request.Categories.Count == 0 && call.Request.Mixins.Count == 0)
        {
            if (hidden) return new CategoriesResult(snapshot.Categories.Where(c => Tenancy.Sees(call.Caller, c)).ToArray(), false);
            // One answer per snapshot (a result is immutable): every client starts with this GET.
            var last = _wholeModel;
            return last is not null && ReferenceEquals(last.Categories, snapshot.Categories) ? last : _wholeModel = new CategoriesResult(snapshot.Categories, true);
        }
        var filter = call.Request.Categories.Concat(call.Request.Mixins.Select(m => m.Id)).Distinct().ToArray();
        return new CategoriesResult(CategoryFilter.Apply(snapshot, filter).Where(c => Tenancy.Sees(call.Caller, c)).ToArray(), filter.Length == 0 && !hidden);
    }

    /// <summary>Whether the model holds a user mixin the caller must not see.</summary>
    private static bool HiddenFrom(OcciCall call, CategorySnapshot snapshot)
    {
        // Indexed: a foreach over the interface would allocate an enumerator on every GET /-/.
        var mixins = snapshot.Mixins;
        for (var i = 0; i < mixins.Count; i++)
            if (!Tenancy.Sees(call.Caller, mixins[i])) return true;
        return false;
    }

    private async Task<OcciResult> AddMixinsAsync(OcciCall call, CancellationToken ct)
    {
        var mixins = call.Request.Mixins;
        if (mixins.Count == 0)
            throw OcciException.BadRequest("POST to the query interface needs a mixin definition: a Category with term, scheme, class=\"mixin\" and location");
        var snapshot = registry.Current;
        foreach (var m in mixins)
        {
            if (m.Location is null) throw OcciException.BadRequest($"mixin {m.Id} has no location");
            if (!m.Location.StartsWith('/') || !m.Location.EndsWith('/') || m.Location.Length < 3)
                throw OcciException.BadRequest($"mixin location '{m.Location}' must be a path that starts and ends with '/'");
            SafePath.Check(m.Location);
            EntityLocations.CheckSegments(m.Location);
            if (m.Location is Location || m.Location.StartsWith("/.well-known/", StringComparison.Ordinal))
                throw OcciException.Conflict($"mixin location {m.Location} is reserved");
            // Identities and locations are the server's: another tenant's user mixin takes them too, unnamed.
            if (snapshot.Find(m.Id) is { } existing)
                throw OcciException.Conflict($"category {m.Id} already exists ({existing.ClassName})");
            if (snapshot.FindByLocation(m.Location) is { } owner)
                throw OcciException.Conflict(Tenancy.Sees(call.Caller, owner)
                    ? $"location {m.Location} is already used by {owner.Id}"
                    : $"location {m.Location} is already used");
            if (await reader.AnyBelowAsync(m.Location, ct))
                throw OcciException.Conflict($"location {m.Location} already holds entities");
            foreach (var d in m.Depends)
                if (snapshot.Find(d.Id) is { } named and not Mixin)
                    throw OcciException.BadRequest($"mixin {m.Id} names {named.ClassName} {d.Id} in rel; a mixin can only relate to mixins");
            // Issue 12 item 10: a client's pattern must run in linear time, or one hostile value could stall requests.
            if (m.Attributes.FirstOrDefault(a => a.PatternNeedsBacktracking is not null) is { } slow)
                throw OcciException.BadRequest($"mixin {m.Id}: the pattern of attribute '{slow.Name}' needs a backtracking matcher, which user mixins may not use: {slow.PatternNeedsBacktracking}");
        }
        // A rel naming a mixin this server does not know is kept by identity and rendered back as given.
        // Another tenant's user mixin named in rel is one this server does not know, for this caller.
        Mixin Depend(CategoryId d) => snapshot.FindMixin(d) is { } known && Tenancy.Sees(call.Caller, known) ? known : new Mixin(d.Scheme, d.Term) { IsReferenceOnly = true };
        var userMixins = mixins.Select(m => new Mixin(m.Scheme, m.Term, m.Title, m.Location, m.Depends.Select(d => Depend(d.Id)), m.Applies, m.Attributes, m.Actions,
            isUserDefined: true, owner: call.Caller.Tenant)).ToArray();
        foreach (var m in userMixins) await categories.PutUserMixinAsync(m, ct);
        registry.Add(userMixins);
        return new EmptyResult();
    }

    private async Task<OcciResult> RemoveMixinsAsync(OcciCall call, CancellationToken ct)
    {
        var ids = call.Request.Categories.Concat(call.Request.Mixins.Select(m => m.Id)).Concat(call.NamedCategories).Distinct().ToArray();
        if (ids.Length == 0)
            throw OcciException.BadRequest("DELETE on the query interface needs the Category of the user mixin to remove (in the body, or as ?category=<scheme+term>)");
        var snapshot = registry.Current;
        var mixins = new List<Mixin>();
        foreach (var id in ids)
        {
            switch (snapshot.Find(id) is var found && Tenancy.Sees(call.Caller, found) ? found : null)
            {
                case null: throw OcciException.NotFound($"no category {id}");
                case Mixin { IsUserDefined: true, Owner: null } when !Tenancy.SeesEveryTenant(call.Caller):
                    throw OcciException.Forbidden($"user mixin {id} is shared by every tenant (defined before tenancy); only an admin deletes it");
                case Mixin { IsUserDefined: true } m: mixins.Add(m); break;
                case var other: throw OcciException.Forbidden($"{other.ClassName} {id} is defined by the server and cannot be deleted");
            }
        }
        foreach (var m in mixins)
        {
            await membership.DissociateAsync(call.Caller, m, null, ct);
            await categories.DeleteUserMixinAsync(m.Id, ct);
        }
        registry.Remove(mixins.Select(m => m.Id).ToArray());
        return new EmptyResult();
    }
}
