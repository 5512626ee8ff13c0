using System.Text;
using MongoDB.Bson;
using MongoDB.Driver;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Mongo;

/// <summary>
/// <see cref="ICategoryStore"/> on MongoDB: the <c>mixins</c> collection, one document
/// <c>{ _id: identity, doc: codec JSON }</c> per user mixin (GFD.185 §3.4.2). Depends on other stored user
/// mixins come back resolved; other depends come back as identity-only placeholders for the caller to
/// resolve against its registry. Runtime kinds and actions (issue 19) go to the <c>runtime_categories</c> collection alike.
/// </summary>
internal sealed class MongoCategoryStore(MongoStoreDatabase database) : ICategoryStore
{
    private const string Body = "doc";

    public async Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken)
    {
        var docs = await database.Retry.ExecuteAsync(async ct =>
            await database.Mixins.Find(Builders<BsonDocument>.Filter.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
                .ToListAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return UserMixinGraph.Build(docs.Select(d => Encoding.UTF8.GetBytes(d[Body].AsString)).ToArray());
    }

    public async Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken)
    {
        var doc = new BsonDocument { { "_id", mixin.Id.Identity }, { Body, EntityDocumentCodec.EncodeMixinToString(mixin) } };
        await database.Retry.ExecuteAsync(async ct =>
            await database.Mixins.ReplaceOneAsync(Builders<BsonDocument>.Filter.Eq("_id", mixin.Id.Identity), doc,
                new ReplaceOptions { IsUpsert = true }, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken)
    {
        var result = await database.Retry.ExecuteAsync(async ct =>
            await database.Mixins.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", id.Identity), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result.DeletedCount > 0;
    }

    public async Task<IReadOnlyList<RuntimeCategory>> ListRuntimeCategoriesAsync(CancellationToken cancellationToken)
    {
        var docs = await database.Retry.ExecuteAsync(async ct =>
            await database.RuntimeCategories.Find(Builders<BsonDocument>.Filter.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
                .ToListAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return docs.Select(d => RuntimeCategoryCodec.Decode(d[Body].AsString)).ToArray();
    }

    public async Task PutRuntimeCategoryAsync(RuntimeCategory category, CancellationToken cancellationToken)
    {
        var doc = new BsonDocument { { "_id", category.Id.Identity }, { Body, RuntimeCategoryCodec.Encode(category) } };
        await database.Retry.ExecuteAsync(async ct =>
            await database.RuntimeCategories.ReplaceOneAsync(Builders<BsonDocument>.Filter.Eq("_id", category.Id.Identity), doc,
                new ReplaceOptions { IsUpsert = true }, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteRuntimeCategoryAsync(CategoryId id, CancellationToken cancellationToken)
    {
        var result = await database.Retry.ExecuteAsync(async ct =>
            await database.RuntimeCategories.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", id.Identity), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result.DeletedCount > 0;
    }
}
