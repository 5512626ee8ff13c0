using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>
/// The entities a caller may see: those of its tenant and those no tenant owns. Another tenant's entity is
/// answered as if nothing were there.
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
        if (record is null || !Visible(caller, record))
            throw OcciException.BadRequest($"no {what} at {location}: the request names a location where nothing exists");
        return record;
    }

    public static bool Visible(Caller caller, EntityRecord record) =>
        record.Owner is null || record.Owner == caller.Tenant;

    /// <summary>The owner a store query of the caller's is narrowed to.</summary>
    public static string? OwnerFilter(Caller caller) => caller.Tenant;
}
