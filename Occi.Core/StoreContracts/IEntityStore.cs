using Occi.Core.Model;

namespace Occi.Core.StoreContracts;

/// <summary>
/// Persists what only OCCI knows about entities: locations, ids, mixin memberships, titles and other
/// attributes, links, owners and backend ids. Entities are keyed by location. Versions start at 1 and
/// grow by one per write; a write with a stale expected version throws an OcciException of kind Conflict.
/// </summary>
public interface IEntityStore
{
    Task<EntityRecord?> GetAsync(string location, CancellationToken cancellationToken);

    /// <summary>Finds an entity by occi.core.id.</summary>
    Task<EntityRecord?> GetByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces. <paramref name="expectedVersion"/>: null writes unconditionally, 0 only
    /// inserts (Conflict if the location or id exists), n replaces only version n. Returns the new version.
    /// </summary>
    Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the entity at a location; false when there was none.</summary>
    Task<bool> DeleteAsync(string location, CancellationToken cancellationToken);

    /// <summary>Deletes every entity whose location starts with <paramref name="prefix"/>; returns how many.</summary>
    Task<int> DeleteBelowAsync(string prefix, CancellationToken cancellationToken);

    Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken cancellationToken);

    Task<int> CountAsync(EntityQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Only the locations <see cref="QueryAsync"/> would return, in the same order: what a uri-list or
    /// X-OCCI-Location listing needs. Stores override it to skip building entities.
    /// </summary>
    async Task<IReadOnlyList<string>> QueryLocationsAsync(EntityQuery query, CancellationToken cancellationToken) =>
        (await QueryAsync(query, cancellationToken).ConfigureAwait(false)).Select(r => r.Entity.Location!).ToArray();

    /// <summary>Adds a mixin to every listed entity, atomically (all or none). Missing locations give NotFound.</summary>
    Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken cancellationToken);

    /// <summary>Removes a mixin from the listed entities, or from all when <paramref name="locations"/> is null.</summary>
    Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken cancellationToken);
}
