using MongoDB.Bson;
using MongoDB.Driver;
using Occi.Core;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Mongo;

/// <summary><see cref="IIntentStore"/> on MongoDB: one document per open intent; completing deletes it.</summary>
internal sealed class MongoIntentStore(MongoStoreDatabase database) : IIntentStore
{
    public async Task WriteAsync(Intent intent, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var doc = MongoIntentDocuments.ToDocument(intent);
        try
        {
            await database.Retry.ExecuteAsync(async ct =>
                await database.Intents.InsertOneAsync(doc, cancellationToken: ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // A retry of an insert that had landed finds its own document: same content, not a conflict.
            var stored = await database.Intents.Find(Builders<BsonDocument>.Filter.Eq("_id", intent.Id))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (stored != doc) throw OcciException.Conflict($"intent {intent.Id} is already recorded");
        }
    }

    public async Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var result = await database.Retry.ExecuteAsync(async ct =>
            await database.Intents.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", intentId), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result.DeletedCount > 0;
    }

    public async Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await database.EnsureIndexesAsync().ConfigureAwait(false);
        var docs = await database.Retry.ExecuteAsync(async ct =>
            await database.Intents.Find(Builders<BsonDocument>.Filter.Empty).Sort(MongoIntentDocuments.OldestFirst)
                .ToListAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return docs.Select(MongoIntentDocuments.ToIntent).ToArray();
    }
}
