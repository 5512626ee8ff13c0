using MongoDB.Bson;
using MongoDB.Driver;
using Polly;

namespace Occi.Storage.Mongo;

/// <summary>
/// The store's MongoDB database: one collection per document type — <c>entities</c>, <c>mixins</c>
/// (user mixins), <c>intents</c> — with majority write concern and majority read concern, so an
/// acknowledged write survives a failover and reads never see writes that could roll back.
/// Indexes are created once, before the first operation.
/// <para>Sharding: shard <c>entities</c> on <c>{ _id: "hashed" }</c> (the location): writes spread evenly
/// and a lookup by location goes to one shard; queries by kind, owner or mixin fan out. MongoDB enforces a
/// unique index across shards only when it is prefixed by the shard key, so on a sharded cluster the
/// unique index on <c>id</c> holds per shard only and ids must be unique by construction (the server
/// makes UUIDs). <c>mixins</c> and <c>intents</c> stay small and unsharded.</para>
/// </summary>
internal sealed class MongoStoreDatabase
{
    public const string EntitiesCollection = "entities";
    public const string MixinsCollection = "mixins";
    public const string RuntimeCategoriesCollection = "runtime_categories";
    public const string IntentsCollection = "intents";

    internal const string ConnectionStringRequired = "Occi:Mongo:ConnectionString is required when Occi:Store is Mongo";

    private readonly object _indexLock = new();
    private Task? _indexes;

    /// <param name="clock">The retries' back-off clock; the system clock when null.</param>
    public MongoStoreDatabase(MongoStoreOptions options, TimeProvider? clock = null)
    {
        Retry = MongoTransientErrors.CreatePipeline(clock ?? TimeProvider.System);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new InvalidOperationException(ConnectionStringRequired);
        Client = new MongoClient(options.ConnectionString);
        Database = Client.GetDatabase(options.Database)
            .WithWriteConcern(WriteConcern.WMajority)
            .WithReadConcern(ReadConcern.Majority);
        Entities = Database.GetCollection<BsonDocument>(EntitiesCollection);
        Mixins = Database.GetCollection<BsonDocument>(MixinsCollection);
        RuntimeCategories = Database.GetCollection<BsonDocument>(RuntimeCategoriesCollection);
        Intents = Database.GetCollection<BsonDocument>(IntentsCollection);
    }

    public IMongoClient Client { get; }
    public IMongoDatabase Database { get; }
    internal IMongoCollection<BsonDocument> Entities { get; }
    internal IMongoCollection<BsonDocument> Mixins { get; }

    /// <summary>Runtime kinds and actions (issue 19): <c>{ _id: identity, doc: RuntimeCategoryCodec JSON }</c>.</summary>
    internal IMongoCollection<BsonDocument> RuntimeCategories { get; }
    internal IMongoCollection<BsonDocument> Intents { get; }
    internal ResiliencePipeline Retry { get; }

    /// <summary>A causally consistent session: its reads see its own earlier writes, whichever member serves them.</summary>
    internal Task<IClientSessionHandle> StartSessionAsync(CancellationToken cancellationToken) =>
        Client.StartSessionAsync(new ClientSessionOptions { CausalConsistency = true }, cancellationToken);

    /// <summary>Creates the indexes once; a failed attempt is retried by the next caller.</summary>
    public Task EnsureIndexesAsync()
    {
        lock (_indexLock)
        {
            if (_indexes is null || _indexes.IsFaulted || _indexes.IsCanceled) _indexes = CreateIndexesAsync();
            return _indexes;
        }
    }

    private async Task CreateIndexesAsync()
    {
        var models = MongoEntityDocuments.Indexes();
        await Retry.ExecuteAsync(async ct => await Entities.Indexes.CreateManyAsync(models, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Retry.ExecuteAsync(async ct => await Intents.Indexes.CreateManyAsync(MongoIntentDocuments.Indexes(), ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
