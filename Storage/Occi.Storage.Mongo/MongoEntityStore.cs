using MongoDB.Bson;
using MongoDB.Driver;
using Occi.Core;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using D = Occi.Storage.Mongo.MongoEntityDocuments;

namespace Occi.Storage.Mongo;

/// <summary>
/// <see cref="IEntityStore"/> on MongoDB (document shape: <see cref="MongoEntityDocuments"/>). Every write
/// is conditional — an insert, or a replace filtered on <c>{_id: location, version: n}</c> — so concurrent
/// writers never overwrite each other silently. Each write carries a fresh write token: when a retried
/// call finds its condition failed, a stored token equal to its own means the first attempt had landed.
/// A resource's links are stored as their own documents, so a resource is written and read without them.
/// </summary>
internal sealed class MongoEntityStore(MongoStoreDatabase database) : IEntityStore
{
    private const int MaxRaces = 16; // unconditional puts re-read the version when another writer got in between

    private IMongoCollection<BsonDocument> Entities => database.Entities;

    public Task<EntityRecord?> GetAsync(string location, CancellationToken cancellationToken) =>
        FindOneAsync(D.At(location), cancellationToken);

    public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken cancellationToken) =>
        FindOneAsync(D.WithId(id), cancellationToken);

    private async Task<EntityRecord?> FindOneAsync(FilterDefinition<BsonDocument> filter, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var doc = await database.Retry.ExecuteAsync(async ct =>
            await Entities.Find(filter).FirstOrDefaultAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return doc is null ? null : D.ToRecord(doc);
    }

    public async Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken cancellationToken)
    {
        var location = entity.Location ?? throw new ArgumentException("an entity needs a location to be stored", nameof(entity));
        if (string.IsNullOrEmpty(entity.Id)) throw new ArgumentException($"the entity at {location} has no id", nameof(entity));
        if (expectedVersion < 0) throw new ArgumentOutOfRangeException(nameof(expectedVersion), "versions start at 1; 0 means insert only");
        await database.EnsureIndexesAsync().ConfigureAwait(false);

        var token = Guid.NewGuid().ToString("N");
        using var session = await database.StartSessionAsync(cancellationToken).ConfigureAwait(false);
        for (var race = 0; race < MaxRaces; race++)
        {
            var current = expectedVersion switch
            {
                0 => 0,
                > 0 => expectedVersion.Value,
                _ => await CurrentVersionAsync(session, location, cancellationToken).ConfigureAwait(false),
            };
            var next = current + 1;
            var doc = D.ToDocument(entity, owner, next, token);
            try
            {
                if (current == 0)
                {
                    await database.Retry.ExecuteAsync(async ct =>
                        await Entities.InsertOneAsync(session, doc, cancellationToken: ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    return next;
                }
                var replaced = await database.Retry.ExecuteAsync(async ct =>
                    await Entities.ReplaceOneAsync(session, D.AtVersion(location, current), doc, cancellationToken: ct).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                if (replaced.MatchedCount == 1) return next;
            }
            catch (MongoException e) when (IsDuplicateKey(e))
            {
                if (e.Message.Contains(D.IdIndex, StringComparison.Ordinal)
                    && await WrittenByAsync(session, location, token, cancellationToken).ConfigureAwait(false) is null)
                    throw await IdConflictAsync(session, entity.Id, location, cancellationToken).ConfigureAwait(false);
            }
            if (await WrittenByAsync(session, location, token, cancellationToken).ConfigureAwait(false) is { } landed) return landed;
            if (expectedVersion is not null)
            {
                var now = await CurrentVersionAsync(session, location, cancellationToken).ConfigureAwait(false);
                throw OcciException.Conflict(expectedVersion == 0 ? $"an entity already exists at {location}"
                    : now == 0 ? $"no entity at {location} to replace (expected version {expectedVersion})"
                    : $"the entity at {location} has changed: version {now}, expected {expectedVersion}");
            }
        }
        throw OcciException.Conflict($"the entity at {location} is being written by too many clients at once; try again");
    }

    private async Task<long> CurrentVersionAsync(IClientSessionHandle session, string location, CancellationToken cancellationToken)
    {
        var doc = await database.Retry.ExecuteAsync(async ct =>
            await Entities.Find(session, D.At(location)).Project(Builders<BsonDocument>.Projection.Include(D.Version))
                .FirstOrDefaultAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return doc is null ? 0 : doc[D.Version].ToInt64();
    }

    /// <summary>The stored version when the document at the location carries this write's token (the write landed), else null.</summary>
    private async Task<long?> WrittenByAsync(IClientSessionHandle session, string location, string token, CancellationToken cancellationToken)
    {
        var filter = Builders<BsonDocument>.Filter.And(D.At(location), Builders<BsonDocument>.Filter.Eq(D.WriteToken, token));
        var doc = await database.Retry.ExecuteAsync(async ct =>
            await Entities.Find(session, filter).Project(Builders<BsonDocument>.Projection.Include(D.Version))
                .FirstOrDefaultAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return doc?[D.Version].ToInt64();
    }

    private async Task<OcciException> IdConflictAsync(IClientSessionHandle session, string id, string location, CancellationToken cancellationToken)
    {
        var other = await database.Retry.ExecuteAsync(async ct =>
            await Entities.Find(session, D.WithId(id)).Project(Builders<BsonDocument>.Projection.Include(D.Location))
                .FirstOrDefaultAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return OcciException.Conflict($"id {id} is already used by the entity at {other?[D.Location].AsString ?? "another location"} (writing {location})");
    }

    private static bool IsDuplicateKey(MongoException e) => e switch
    {
        MongoWriteException w => w.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoCommandException c => c.Code == 11000,
        _ => false,
    };

    /// <summary>Deletes are idempotent; a delete retried after it landed reports false.</summary>
    public async Task<bool> DeleteAsync(string location, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var result = await database.Retry.ExecuteAsync(async ct =>
            await Entities.DeleteOneAsync(D.At(location), ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return result.DeletedCount > 0;
    }

    public async Task<int> DeleteBelowAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var result = await database.Retry.ExecuteAsync(async ct =>
            await Entities.DeleteManyAsync(D.Below(prefix), ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return (int)result.DeletedCount;
    }

    public async Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var docs = await database.Retry.ExecuteAsync(async ct =>
        {
            var find = Entities.Find(D.Matching(query)).Sort(Builders<BsonDocument>.Sort.Ascending(D.Location)).Skip(Math.Max(query.Skip, 0));
            if (query.Take is { } take) find = find.Limit(Math.Max(take, 0));
            return await find.ToListAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return docs.Select(D.ToRecord).ToArray();
    }

    /// <summary>Counts every match; Skip and Take do not apply.</summary>
    public async Task<int> CountAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var count = await database.Retry.ExecuteAsync(async ct =>
            await Entities.CountDocumentsAsync(D.Matching(query), cancellationToken: ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return (int)count;
    }

    /// <summary>
    /// Checks that every location exists, then adds the mixin with one update. A location deleted between
    /// the two steps ends up as if it had been deleted just after the association, so the outcome is
    /// still "all, or none and NotFound"; no multi-document transaction is needed.
    /// </summary>
    public async Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var distinct = locations.Distinct(StringComparer.Ordinal).ToArray();
        using var session = await database.StartSessionAsync(cancellationToken).ConfigureAwait(false);
        var found = await database.Retry.ExecuteAsync(async ct =>
            await Entities.Find(session, D.AnyOf(distinct)).Project(Builders<BsonDocument>.Projection.Include(D.Location))
                .ToListAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var present = found.Select(d => d[D.Location].AsString).ToHashSet(StringComparer.Ordinal);
        if (distinct.FirstOrDefault(l => !present.Contains(l)) is { } missing)
            throw OcciException.NotFound($"no entity at {missing}: mixin {mixin} was associated with none of the {distinct.Length} locations");
        await database.Retry.ExecuteAsync(async ct =>
            await Entities.UpdateManyAsync(session, D.LackingMixin(distinct, mixin), D.AddMixin(mixin), cancellationToken: ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var filter = D.HavingMixin(locations?.Distinct(StringComparer.Ordinal).ToArray(), mixin);
        await database.Retry.ExecuteAsync(async ct =>
            await Entities.UpdateManyAsync(filter, D.RemoveMixin(mixin), cancellationToken: ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
