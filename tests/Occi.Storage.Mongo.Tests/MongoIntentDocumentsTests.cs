using MongoDB.Bson;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Mongo.Tests;

public sealed class MongoIntentDocumentsTests
{
    [Test]
    public void Intent_document_keys_by_id_with_a_date_and_round_trips()
    {
        var intent = new Intent("i1", "create", "/compute/c1", null, "alice", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), "x");
        var doc = MongoIntentDocuments.ToDocument(intent);
        Assert.That(doc, Is.EqualTo(BsonDocument.Parse("""
            { _id: 'i1', operation: 'create', location: '/compute/c1', backendId: null, owner: 'alice',
              createdAt: { $date: { $numberLong: '1700000000123' } }, detail: 'x' }
            """)));
        Assert.That(MongoIntentDocuments.ToIntent(doc), Is.EqualTo(intent));
    }

    [Test]
    public void The_writing_gateway_instance_is_kept_and_round_trips()
    {
        var intent = new Intent("i2", "delete", "/compute/c2", "b2", null, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), null, "gw-a");
        var doc = MongoIntentDocuments.ToDocument(intent);
        Assert.That(doc["instance"], Is.EqualTo(new BsonString("gw-a")));
        Assert.That(MongoIntentDocuments.ToIntent(doc), Is.EqualTo(intent));
    }
}
