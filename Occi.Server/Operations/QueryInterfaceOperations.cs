using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Entities;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Operations;

/// <summary>
/// GFD.185 §3.4 / GFD.223 §4.1: the query interface. GET lists the categories (filtered by the
/// Category the client names), POST adds user mixins, PUT redefines them, DELETE removes them and detaches them from
/// every entity. A user mixin is its tenant's (issue 14): listed, used and deleted by that tenant's callers (and admins)
/// only; to the others it does not exist. Operators also define, redefine and delete kinds and actions here, and name
/// the providers of a kind (pyOCNI's category manager, issue 19: <see cref="CategoryManager"/>); GFD.183/GFD.184's
/// and the backend's kinds and actions are the server's (409), its provider mixins too (403).
/// </summary>
internal sealed class QueryInterfaceOperations(CategoryRegistry registry, ICategoryStore categories, EntityReader reader, MixinMembership membership,
    CategoryManager manager, KindChangeTurn turn)
{
    public const string Allowed = "GET, HEAD, POST, PUT, DELETE";

    /// <summary>The query interface's location (GFD.185 §3.4.1), and the well-known one clients find it at (GFD.223 §4.1).</summary>
    public const string Location = "/-/";
    public const string WellKnownLocation = "/.well-known/org/ogf/occi/-/";

    public async ValueTask<OcciResult> ExecuteAsync(OcciCall call, CancellationToken ct) => call.Method switch
    {
        "GET" or "HEAD" => Get(call),
        "POST" => await AddAsync(call, ct),
        "PUT" => await ReplaceAsync(call, ct),
        "DELETE" => await RemoveAsync(call, ct),
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

    /// <summary>
    /// POST: user mixins (GFD.185 §3.4.1), and kinds and actions (pyOCNI's category manager, issue 19). Everything the
    /// body defines is checked before anything is stored.
    /// </summary>
    private async Task<OcciResult> AddAsync(OcciCall call, CancellationToken ct)
    {
        var definitions = KindsAndActions(call);
        if (call.Request.Mixins.Count == 0 && definitions.Length == 0)
            throw OcciException.BadRequest("POST to the query interface needs a mixin definition: a Category with term, scheme, class=\"mixin\" and location"
                + " (or, for operators, kind and action definitions)");
        // A user mixin's location is checked free and taken in the turn alone, as a kind's: an entity put there meanwhile
        // (its create shares the turn) is either stored before the check or checked after the mixin holds the location.
        using var held = await turn.TakeAsync(ct);
        var mixins = await PrepareMixinsAsync(call, replace: false, ct);
        if (definitions.Length > 0) await manager.DefineAsync(CheckedDefinitions(call, definitions), replace: false, reader.AnyBelowAsync, ct);
        await StoreMixinsAsync(mixins, ct);
        return new EmptyResult();
    }

    /// <summary>
    /// PUT (pyOCNI's put_categories and update_provider): redefines user mixins and runtime kinds and actions that exist,
    /// and sets the providers of runtime kinds.
    /// </summary>
    private async Task<OcciResult> ReplaceAsync(OcciCall call, CancellationToken ct)
    {
        var definitions = KindsAndActions(call);
        var providers = call.Request.Providers;
        if (call.Request.Mixins.Count == 0 && definitions.Length == 0 && providers is null)
            throw OcciException.BadRequest("PUT to the query interface needs the definitions of categories that exist (mixins; kinds and actions for operators),"
                + " or pyOCNI's {\"providers\":[{\"Provider\":{\"local\":[…],\"remote\":[…]},\"OCCI_ID\":kind}]}");
        if (providers is not null) RequireOperator(call);
        using var held = await turn.TakeAsync(ct); // as a POST's: a mixin moved to a location takes it in the turn
        var mixins = await PrepareMixinsAsync(call, replace: true, ct);
        if (definitions.Length > 0) await manager.DefineAsync(CheckedDefinitions(call, definitions), replace: true, reader.AnyBelowAsync, ct);
        if (providers is not null) await manager.AssignAsync(providers, ct);
        await StoreMixinsAsync(mixins, ct);
        return new EmptyResult();
    }

    /// <summary>The kinds and actions a body defines (JSON "kinds"/"actions", text Category values of those classes that carry a definition).</summary>
    private static Category[] KindsAndActions(OcciCall call) =>
        call.Request.Definitions?.Where(c => c is Kind or OcciAction).ToArray() ?? [];

    /// <summary>Kinds and actions are the operators': with authentication on, a caller with the admin role; without it, every caller, as for the gateway's other writes.</summary>
    private static void RequireOperator(OcciCall call)
    {
        if (!ReferenceEquals(call.Caller, Caller.Anonymous) && !Tenancy.SeesEveryTenant(call.Caller))
            throw OcciException.Forbidden($"kinds, actions and their providers are defined by operators: a caller with the {Tenancy.AdminRole} role");
    }

    private static IReadOnlyList<Category> CheckedDefinitions(OcciCall call, Category[] definitions)
    {
        RequireOperator(call);
        foreach (var c in definitions)
        {
            if (c is Kind { Location: { } location }) CheckLocation(location, c.Id);
            CheckPatterns(c);
        }
        return definitions;
    }

    /// <summary>A collection's location (a mixin's, a kind's): a path of id characters, starting and ending in '/', outside the query interface.</summary>
    private static void CheckLocation(string location, CategoryId id)
    {
        if (!location.StartsWith('/') || !location.EndsWith('/') || location.Length < 3)
            throw OcciException.BadRequest($"location '{SafePath.Printable(location)}' of {id} must be a path that starts and ends with '/'");
        SafePath.Check(location);
        EntityLocations.CheckSegments(location);
        if (location is Location || location.StartsWith("/.well-known/", StringComparison.Ordinal))
            throw OcciException.Conflict($"location {location} of {id} is reserved");
    }

    /// <summary>Issue 12 item 10: a client's pattern must run in linear time, or one hostile value could stall requests.</summary>
    private static void CheckPatterns(Category c)
    {
        if (c.Attributes.FirstOrDefault(a => a.PatternNeedsBacktracking is not null) is { } slow)
            throw OcciException.BadRequest($"{c.ClassName} {c.Id}: the pattern of attribute '{slow.Name}' needs a backtracking matcher, which categories defined by clients may not use: {slow.PatternNeedsBacktracking}");
    }

    /// <summary>The body's user mixins, checked and built; nothing stored yet.</summary>
    private async Task<Mixin[]> PrepareMixinsAsync(OcciCall call, bool replace, CancellationToken ct)
    {
        var mixins = call.Request.Mixins;
        var snapshot = registry.Current;
        foreach (var m in mixins)
        {
            if (m.Location is null) throw OcciException.BadRequest($"mixin {m.Id} has no location");
            CheckLocation(m.Location, m.Id);
            // Identities and locations are the server's: another tenant's user mixin takes them too, unnamed.
            var existing = snapshot.Find(m.Id);
            if (replace)
            {
                switch (existing)
                {
                    case Mixin { IsUserDefined: true } own when Tenancy.Sees(call.Caller, own) && (own.Owner == call.Caller.Tenant || Tenancy.SeesEveryTenant(call.Caller)):
                        break;
                    case null or Mixin { IsUserDefined: true }: throw OcciException.NotFound($"no user mixin {m.Id} to redefine; POST /-/ defines it");
                    default: throw OcciException.Conflict($"{existing.ClassName} {m.Id} is built in (GFD.183, GFD.184 or the backend's) and cannot be redefined; only user mixins can");
                }
            }
            else if (existing is not null)
                throw OcciException.Conflict($"category {m.Id} already exists ({existing.ClassName})");
            if (snapshot.FindByLocation(m.Location) is { } owner && owner.Id != m.Id)
                throw OcciException.Conflict(Tenancy.Sees(call.Caller, owner)
                    ? $"location {m.Location} is already used by {owner.Id}"
                    : $"location {m.Location} is already used");
            if (SnapshotLocation(existing) != m.Location && await reader.AnyBelowAsync(m.Location, ct))
                throw OcciException.Conflict($"location {m.Location} already holds entities");
            foreach (var d in m.Depends)
                if (snapshot.Find(d.Id) is { } named and not Mixin)
                    throw OcciException.BadRequest($"mixin {m.Id} names {named.ClassName} {d.Id} in rel; a mixin can only relate to mixins");
            CheckPatterns(m);
        }
        // A rel naming a mixin this server does not know is kept by identity and rendered back as given.
        // Another tenant's user mixin named in rel is one this server does not know, for this caller.
        Mixin Depend(CategoryId d) => snapshot.FindMixin(d) is { } known && Tenancy.Sees(call.Caller, known) ? known : new Mixin(d.Scheme, d.Term) { IsReferenceOnly = true };
        // A redefined mixin keeps its tenant.
        string? OwnerOf(Mixin m) => replace && snapshot.FindMixin(m.Id) is { } old ? old.Owner : call.Caller.Tenant;
        return mixins.Select(m => new Mixin(m.Scheme, m.Term, m.Title, m.Location, m.Depends.Select(d => Depend(d.Id)), m.Applies, m.Attributes, m.Actions,
            isUserDefined: true, owner: OwnerOf(m))).ToArray();
    }

    private static string? SnapshotLocation(Category? c) => c is null ? null : CategorySnapshot.LocationOf(c);

    private async Task StoreMixinsAsync(Mixin[] userMixins, CancellationToken ct)
    {
        if (userMixins.Length == 0) return;
        foreach (var m in userMixins) await categories.PutUserMixinAsync(m, ct);
        registry.Add(userMixins);
    }

    /// <summary>DELETE: user mixins (detached from every entity first), and runtime kinds and actions (issue 19).</summary>
    private async Task<OcciResult> RemoveAsync(OcciCall call, CancellationToken ct)
    {
        var ids = call.Request.Categories.Concat(call.Request.Mixins.Select(m => m.Id)).Concat(call.NamedCategories).Distinct().ToArray();
        if (ids.Length == 0)
            throw OcciException.BadRequest("DELETE on the query interface needs the Category of the user mixin to remove (in the body, or as ?category=<scheme+term>)");
        // Alone in the turn, kinds and user mixins alike: a write that gives one is stored before the delete (which then
        // takes the mixin off it too) or checked after it, against a model without it.
        using var held = await turn.TakeAsync(ct);
        var snapshot = registry.Current;
        var mixins = new List<Mixin>();
        var kindsAndActions = new List<Category>();
        foreach (var id in ids)
        {
            switch (snapshot.Find(id) is var found && Tenancy.Sees(call.Caller, found) ? found : null)
            {
                case null: throw OcciException.NotFound($"no category {id}");
                case Mixin { IsUserDefined: true, Owner: null } when !Tenancy.SeesEveryTenant(call.Caller):
                    throw OcciException.Forbidden($"user mixin {id} is shared by every tenant (defined before tenancy); only an admin deletes it");
                case Mixin { IsUserDefined: true } m: mixins.Add(m); break;
                case Kind or OcciAction: kindsAndActions.Add(snapshot.Find(id)!); break;
                case var other: throw OcciException.Forbidden($"{other.ClassName} {id} is defined by the server and cannot be deleted");
            }
        }
        if (kindsAndActions.Count > 0)
        {
            // GFD.183/GFD.184's kinds and actions are answered for whoever asks (409); runtime ones only for operators.
            if (kindsAndActions.All(c => c is Kind { IsRuntime: true } or OcciAction { IsRuntime: true })) RequireOperator(call);
            await manager.DeleteAsync(kindsAndActions, ct);
        }
        foreach (var m in mixins)
        {
            await membership.DissociateAsync(call.Caller, m, null, ct);
            await categories.DeleteUserMixinAsync(m.Id, ct);
        }
        if (mixins.Count > 0) registry.Remove(mixins.Select(m => m.Id).ToArray());
        return new EmptyResult();
    }
}
