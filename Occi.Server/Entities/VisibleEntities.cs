using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>
/// The entities a caller may see: those of its tenant, or every tenant's for an admin (<see cref="Tenancy"/>).
/// Another tenant's entity is answered exactly as if nothing were there. An entity no tenant owns (a record
/// written without an owner, outside this server: the server has always stored the caller's tenant, "default"
/// while authentication is off) is seen by admins only, so single reads and listings agree.
/// </summary>
internal sealed class VisibleEntities(IEntityStore store)
{
    /// <summary>The request's target: 404 when nothing the caller sees is there.</summary>
    public async ValueTask<EntityRecord> FindAsync(Caller caller, string location, CancellationToken ct)
    {
        var record = await store.GetAsync(location, ct);
        if (record is null || !Visible(caller, record)) throw OcciException.NotFound($"no entity at {location}");
        return record;
    }

    /// <summary>
    /// An entity the request body names (X-OCCI-Location, a link's source or target). When nothing is there
    /// the request is wrong, not its target: 400, where a missing request target is 404.
    /// </summary>
    public async Task<EntityRecord> FindReferencedAsync(Caller caller, string location, string what, CancellationToken ct)
    {
        var record = await store.GetAsync(location, ct);
        if (record is null || !Visible(caller, record)) throw NothingAt(location, what);
        return record;
    }

    /// <summary>
    /// An end of a link the caller makes: the link is the caller's tenant's, and a link joins entities of one
    /// tenant, so both ends must be the caller's tenant's, an admin's too (else a tenant would see a link it did
    /// not make on its own resource). For any other tenant's end the answer is the one for a missing end.
    /// </summary>
    public async Task<EntityRecord> FindLinkEndAsync(Caller caller, string location, string what, CancellationToken ct)
    {
        var record = await store.GetAsync(location, ct);
        if (record is null || !Visible(caller, record)) throw NothingAt(location, what);
        if (record.Owner != caller.Tenant)
            throw OcciException.BadRequest($"{what} {location} is tenant {record.Owner ?? "(none)"}'s; a link joins entities of its own tenant ({caller.Tenant})");
        return record;
    }

    /// <summary>A resource that links given inline with an update would start from: the caller's tenant's (an admin's change of another tenant's resource adds none).</summary>
    public static void CheckLinkSource(Caller caller, EntityRecord source)
    {
        if (source.Owner != caller.Tenant)
            throw OcciException.BadRequest($"{source.Entity.Location} is tenant {source.Owner ?? "(none)"}'s; a link joins entities of its own tenant ({caller.Tenant})");
    }

    private static OcciException NothingAt(string location, string what) =>
        OcciException.BadRequest($"no {what} at {location}: the request names a location where nothing exists");

    public static bool Visible(Caller caller, EntityRecord record) =>
        record.Owner == caller.Tenant && record.Owner is not null || Tenancy.SeesEveryTenant(caller);

    /// <summary>The owner a store query of the caller's is narrowed to: its tenant, or none for an admin.</summary>
    public static string? OwnerFilter(Caller caller) => Tenancy.SeesEveryTenant(caller) ? null : caller.Tenant;
}
