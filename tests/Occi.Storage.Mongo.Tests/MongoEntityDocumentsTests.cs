using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Mongo.Tests;

/// <summary>The filters, updates and documents the Mongo store sends, rendered to BSON: these run without a server.</summary>
public sealed class MongoEntityDocumentsTests
{
    private static readonly CategoryId Blue = new("http://example.org/tags#", "blue");

    private static BsonDocument Render(FilterDefinition<BsonDocument> filter) =>
        filter.Render(new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry));

    private static BsonValue Render(UpdateDefinition<BsonDocument> update) =>
        update.Render(new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry));

    [Test]
    public void Versioned_write_filters_on_location_and_expected_version()
    {
        Assert.That(Render(MongoEntityDocuments.AtVersion("/compute/c1", 3)),
            Is.EqualTo(BsonDocument.Parse("{ _id: '/compute/c1', version: NumberLong(3) }")));
    }

    [Test]
    public void Query_by_kinds_owner_and_mixin_renders_one_condition_each()
    {
        var query = new EntityQuery { Kinds = [Compute.Kind.Id, Network.Kind.Id], Owner = "alice", Mixin = Blue };
        Assert.That(Render(MongoEntityDocuments.Matching(query)), Is.EqualTo(BsonDocument.Parse("""
            { kind: { $in: ['http://schemas.ogf.org/occi/infrastructure#compute', 'http://schemas.ogf.org/occi/infrastructure#network'] },
              mixins: 'http://example.org/tags#blue', owner: 'alice' }
            """)));
    }

    [Test]
    public void Query_by_link_source_and_target_uses_their_fields()
    {
        var query = new EntityQuery { LinkSource = "/compute/c1", LinkTarget = "/network/n1" };
        Assert.That(Render(MongoEntityDocuments.Matching(query)), Is.EqualTo(BsonDocument.Parse("{ source: '/compute/c1', target: '/network/n1' }")));
    }

    [Test]
    public void Empty_query_matches_everything()
    {
        Assert.That(Render(MongoEntityDocuments.Matching(new EntityQuery())), Is.EqualTo(new BsonDocument()));
    }

    [Test]
    public void Empty_kind_list_renders_an_in_that_matches_nothing()
    {
        Assert.That(Render(MongoEntityDocuments.Matching(new EntityQuery { Kinds = [] })), Is.EqualTo(BsonDocument.Parse("{ kind: { $in: [] } }")));
    }

    [Test]
    public void Attribute_equality_matches_name_and_text_form_in_one_array_element()
    {
        var query = new EntityQuery { Attributes = [new(Compute.Cores, 2L), new("occi.core.title", "vm")] };
        Assert.That(Render(MongoEntityDocuments.Matching(query)), Is.EqualTo(BsonDocument.Parse("""
            { $and: [ { attrs: { $elemMatch: { n: 'occi.compute.cores', t: '2' } } },
                      { attrs: { $elemMatch: { n: 'occi.core.title', t: 'vm' } } } ] }
            """)));
    }

    [Test]
    public void Attribute_filters_on_id_source_and_target_use_the_documents_own_fields()
    {
        var query = new EntityQuery { Attributes = [new(Entity.IdAttribute, "l1"), new(Link.SourceAttribute, "/compute/c1"), new(Link.TargetAttribute, "/network/n1")] };
        Assert.That(Render(MongoEntityDocuments.Matching(query)), Is.EqualTo(BsonDocument.Parse("{ id: 'l1', source: '/compute/c1', target: '/network/n1' }")));
    }

    [Test]
    public void Location_prefix_is_an_anchored_regex_with_every_metacharacter_escaped()
    {
        var rendered = Render(MongoEntityDocuments.Below("/a.b*(c)/"));
        Assert.That(rendered["_id"].AsBsonRegularExpression.Pattern, Is.EqualTo(@"^\/a\.b\*\(c\)\/"));
        Assert.That(rendered["_id"].AsBsonRegularExpression.Options, Is.Empty);
    }

    [Test]
    public void Escaped_prefix_matches_only_itself_as_a_regex()
    {
        var regex = new System.Text.RegularExpressions.Regex("^" + MongoEntityDocuments.EscapeRegex("/a.b*?[x]+$/"));
        Assert.That((regex.IsMatch("/a.b*?[x]+$/tail"), regex.IsMatch("/aXbbb[x]+$/")), Is.EqualTo((true, false)));
    }

    [Test]
    public void Associate_updates_only_entities_lacking_the_mixin_and_bumps_their_version()
    {
        Assert.That(Render(MongoEntityDocuments.LackingMixin(["/compute/c1", "/compute/c2"], Blue)), Is.EqualTo(BsonDocument.Parse(
            "{ _id: { $in: ['/compute/c1', '/compute/c2'] }, mixins: { $ne: 'http://example.org/tags#blue' } }")));
        Assert.That(Render(MongoEntityDocuments.AddMixin(Blue)), Is.EqualTo(BsonDocument.Parse(
            "{ $addToSet: { mixins: 'http://example.org/tags#blue' }, $inc: { version: NumberLong(1) } }")));
    }

    [Test]
    public void Dissociate_from_all_pulls_the_mixin_from_every_member()
    {
        Assert.That(Render(MongoEntityDocuments.HavingMixin(null, Blue)), Is.EqualTo(BsonDocument.Parse("{ mixins: 'http://example.org/tags#blue' }")));
        Assert.That(Render(MongoEntityDocuments.RemoveMixin(Blue)), Is.EqualTo(BsonDocument.Parse(
            "{ $pull: { mixins: 'http://example.org/tags#blue' }, $inc: { version: NumberLong(1) } }")));
    }

    [Test]
    public void Link_document_carries_indexed_copies_and_round_trips_to_a_record()
    {
        var link = new Link
        {
            Id = "l1", Kind = NetworkInterface.Kind.Id, Location = "/link/networkinterface/l1",
            Source = "/compute/c1", Target = "/network/n1", BackendId = "b-1",
        };
        link.Mixins.Add(Blue);
        link.Attributes[NetworkInterface.Mac] = "00:11:22:33:44:55";
        link.Attributes["org.example.n"] = 2.0;
        var doc = MongoEntityDocuments.ToDocument(link, "alice", 7, "token");

        Assert.That(doc["_id"].AsString, Is.EqualTo("/link/networkinterface/l1"));
        Assert.That((doc["id"].AsString, doc["kind"].AsString, doc["owner"].AsString, doc["backendId"].AsString, doc["source"].AsString, doc["target"].AsString, doc["version"].AsInt64),
            Is.EqualTo(("l1", NetworkInterface.Kind.Id.Identity, "alice", "b-1", "/compute/c1", "/network/n1", 7L)));
        Assert.That(doc["attrs"], Is.EqualTo(BsonArray.Create(new[]
        {
            new BsonDocument { { "n", NetworkInterface.Mac }, { "t", "00:11:22:33:44:55" } },
            new BsonDocument { { "n", "org.example.n" }, { "t", "2" } },
        })));

        var record = MongoEntityDocuments.ToRecord(doc);
        var back = (Link)record.Entity;
        Assert.That((record.Version, record.Owner, back.Source, back.Target, back.Mixins.Single()), Is.EqualTo((7L, "alice", "/compute/c1", "/network/n1", Blue)));
        Assert.That(back.Attributes["org.example.n"].Kind, Is.EqualTo(AttributeValueKind.Number));
    }

    [Test]
    public void Stored_mixins_array_is_authoritative_over_the_codec_copy()
    {
        var r = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
        var doc = MongoEntityDocuments.ToDocument(r, null, 1, "t");
        doc["mixins"] = new BsonArray { Blue.Identity }; // what $addToSet leaves behind
        var record = MongoEntityDocuments.ToRecord(doc);
        Assert.That((record.Entity.Mixins.Single(), record.Owner), Is.EqualTo((Blue, (string?)null)));
    }

    [Test]
    public void Indexes_cover_id_uniquely_and_every_query_field()
    {
        var indexes = MongoEntityDocuments.Indexes();
        var rendered = indexes.ToDictionary(i => i.Options.Name, i => i.Keys.Render(
            new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry)));
        Assert.That(indexes.Single(i => i.Options.Name == MongoEntityDocuments.IdIndex).Options.Unique, Is.True);
        Assert.That(rendered[MongoEntityDocuments.IdIndex], Is.EqualTo(BsonDocument.Parse("{ id: 1 }")));
        Assert.That(rendered.Keys, Is.EquivalentTo(new[] { "id_unique", "kind", "mixins", "owner", "owner_kind", "backend_id", "link_source", "link_target", "attributes" }));
        Assert.That(rendered["mixins"], Is.EqualTo(BsonDocument.Parse("{ mixins: 1, _id: 1 }")));
        Assert.That(rendered["owner_kind"], Is.EqualTo(BsonDocument.Parse("{ owner: 1, kind: 1, _id: 1 }")));
    }
}
