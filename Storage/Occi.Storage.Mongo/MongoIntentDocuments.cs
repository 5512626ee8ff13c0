using MongoDB.Bson;
using MongoDB.Driver;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Mongo;

/// <summary>
/// An open intent in the <c>intents</c> collection:
/// <c>{ _id: id, operation, location, backendId, owner, createdAt: date (ms), detail, instance }</c>;
/// <c>instance</c>, the gateway that wrote it, only when known (documents of older gateways lack it).
/// </summary>
internal static class MongoIntentDocuments
{
    public const string CreatedAt = "createdAt";

    public static IReadOnlyList<CreateIndexModel<BsonDocument>> Indexes() =>
        [new(Builders<BsonDocument>.IndexKeys.Ascending(CreatedAt).Ascending("_id"), new CreateIndexOptions { Name = "created_at" })];

    public static SortDefinition<BsonDocument> OldestFirst =>
        Builders<BsonDocument>.Sort.Ascending(CreatedAt).Ascending("_id");

    public static BsonDocument ToDocument(Intent intent)
    {
        var document = new BsonDocument
        {
            { "_id", intent.Id },
            { "operation", intent.Operation },
            { "location", intent.Location },
            { "backendId", (BsonValue?)intent.BackendId ?? BsonNull.Value },
            { "owner", (BsonValue?)intent.Owner ?? BsonNull.Value },
            { CreatedAt, new BsonDateTime(intent.CreatedAt.ToUnixTimeMilliseconds()) },
            { "detail", (BsonValue?)intent.Detail ?? BsonNull.Value },
        };
        if (intent.Instance is { } instance) document.Add("instance", instance);
        return document;
    }

    public static Intent ToIntent(BsonDocument d) => new(
        d["_id"].AsString, d["operation"].AsString, d["location"].AsString,
        NullableString(d, "backendId"), NullableString(d, "owner"),
        DateTimeOffset.FromUnixTimeMilliseconds(d[CreatedAt].AsBsonDateTime.MillisecondsSinceEpoch),
        NullableString(d, "detail"), NullableString(d, "instance"));

    private static string? NullableString(BsonDocument d, string name) =>
        d.GetValue(name, BsonNull.Value) is { IsBsonNull: false } v ? v.AsString : null;
}
