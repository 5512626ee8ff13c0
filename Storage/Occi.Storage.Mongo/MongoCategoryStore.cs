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

    public async Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken) =>
        UserMixinGraph.Build((await ListAsync(database.Mixins, cancellationToken)).Select(Encoding.UTF8.GetBytes).ToArray());

    public Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken) =>
        PutAsync(database.Mixins, mixin.Id, EntityDocumentCodec.EncodeMixinToString(mixin), cancellationToken);

    public Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken) => DeleteAsync(database.Mixins, id, cancellationToken);

    public async Task<IReadOnlyList<RuntimeCategory>> ListRuntimeCategoriesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(database.RuntimeCategories, cancellationToken)).Select(RuntimeCategoryCodec.Decode).ToArray();

    public Task PutRuntimeCategoryAsync(RuntimeCategory category, CancellationToken cancellationToken) =>
        PutAsync(database.RuntimeCategories, category.Id, RuntimeCategoryCodec.Encode(category), cancellationToken);

    public Task<bool> DeleteRuntimeCategoryAsync(CategoryId id, CancellationToken cancellationToken) => DeleteAsync(database.RuntimeCategories, id, cancellationToken);

    private async Task<IEnumerable<string>> ListAsync(IMongoCollection<BsonDocument> collection, CancellationToken cancellationToken)
    {
        var docs = await database.Retry.ExecuteAsync(async ct =>
            await collection.Find(Builders<BsonDocument>.Filter.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
                .ToListAsync(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return docs.Select(d => d[Body].AsString);
    }

    private async Task PutAsync(IMongoCollection<BsonDocument> collection, CategoryId id, string document, CancellationToken cancellationToken)
    {
        var doc = new BsonDocument { { "_id", id.Identity }, { Body, document } };
        await database.Retry.ExecuteAsync(async ct =>
            await collection.ReplaceOneAsync(Builders<BsonDocument>.Filter.Eq("_id", id.Identity), doc,
                new ReplaceOptions { IsUpsert = true }, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> DeleteAsync(IMongoCollection<BsonDocument> collection, CategoryId id, CancellationToken cancellationToken)
    {
        var result = await database.Retry.ExecuteAsync(async ct =>
            await collection.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", id.Identity), ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result.DeletedCount > 0;
    }
}
