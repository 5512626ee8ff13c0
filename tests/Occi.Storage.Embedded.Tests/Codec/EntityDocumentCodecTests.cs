using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Storage.Embedded.Tests.Codec;

public sealed class EntityDocumentCodecTests
{
    private static Entity RoundTrip(Entity e) => EntityDocumentCodec.Decode(EntityDocumentCodec.Encode(e));

    [Test]
    public void Resource_round_trips_id_kind_mixins_location_and_backend_id()
    {
        var r = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1", BackendId = "uuid-1" };
        r.Mixins.Add(Templates.OsTpl.Id);
        var back = (Resource)RoundTrip(r);
        Assert.That((back.Id, back.Kind, back.Location, back.BackendId), Is.EqualTo(("c1", Compute.Kind.Id, "/compute/c1", "uuid-1")));
        Assert.That(back.Mixins, Is.EqualTo(new[] { Templates.OsTpl.Id }));
    }

    [Test]
    public void Encode_tells_where_the_attributes_object_lies_as_EncodeAttributes_writes_it()
    {
        var l = new Link { Id = "l1", Kind = NetworkInterface.Kind.Id, Location = "/link/l1", Source = "/compute/a", Target = "/network/n" };
        l.Attributes["occi.core.title"] = "a \"quoted\" title, é";
        l.Attributes["n"] = 4L;
        l.Attributes["o"] = AttributeValue.Object([new("nested", AttributeValue.Array([false, 2.5]))]);
        var document = EntityDocumentCodec.Encode(l, out var attributes);
        Assert.That(document[attributes], Is.EqualTo(EntityDocumentCodec.EncodeAttributes(l.Attributes)));
        Assert.That(document, Is.EqualTo(EntityDocumentCodec.Encode(l)), "the same document on a second call, from the reused buffer");
    }

    [TestCase("string")]
    [TestCase("integer")]
    [TestCase("whole number")]
    [TestCase("fraction")]
    [TestCase("boolean")]
    [TestCase("array")]
    [TestCase("object")]
    public void Attribute_value_keeps_its_kind(string which)
    {
        AttributeValue value = which switch
        {
            "string" => "4",
            "integer" => 4L,
            "whole number" => 4.0,
            "fraction" => 2.5,
            "boolean" => true,
            "array" => AttributeValue.Array([1L, "a", 1.0]),
            _ => AttributeValue.Object([new("n", 3L), new("s", "x"), new("nested", AttributeValue.Array([false]))]),
        };
        var r = new Resource { Id = "x", Kind = Compute.Kind.Id, Location = "/compute/x" };
        r.Attributes["a.b"] = value;
        var back = RoundTrip(r).Attributes["a.b"];
        Assert.That(back.Kind, Is.EqualTo(value.Kind));
        Assert.That(back.ToString(), Is.EqualTo(value.ToString()));
        Assert.That(back, Is.EqualTo(value));
    }

    [Test]
    public void Nested_values_keep_their_kinds()
    {
        var r = new Resource { Id = "x", Kind = Compute.Kind.Id };
        r.Attributes["a"] = AttributeValue.Array([1L, 1.0]);
        var items = RoundTrip(r).Attributes["a"].AsArray;
        Assert.That(items.Select(i => i.Kind), Is.EqualTo(new[] { AttributeValueKind.Integer, AttributeValueKind.Number }));
    }

    [Test]
    public void Link_round_trips_source_target_and_their_kinds()
    {
        var l = new Link
        {
            Id = "l1", Kind = NetworkInterface.Kind.Id, Location = "/link/networkinterface/l1",
            Source = "/compute/c1", Target = "/network/n1", SourceKind = Compute.Kind.Id, TargetKind = Network.Kind.Id,
        };
        var back = (Link)RoundTrip(l);
        Assert.That((back.Source, back.Target, back.SourceKind, back.TargetKind),
            Is.EqualTo(("/compute/c1", "/network/n1", (CategoryId?)Compute.Kind.Id, (CategoryId?)Network.Kind.Id)));
    }

    [Test]
    public void Resource_links_and_actions_are_not_part_of_the_document()
    {
        var r = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
        r.Links.Add(new Link { Id = "l1", Kind = NetworkInterface.Kind.Id, Source = "/compute/c1", Target = "/network/n1" });
        r.Actions.Add(Compute.Start.Id);
        var back = (Resource)RoundTrip(r);
        Assert.That((back.Links.Count, back.Actions.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public void Document_carries_text_form_of_non_string_attributes_for_equality_queries()
    {
        var r = new Resource { Id = "x", Kind = Compute.Kind.Id };
        r.Attributes["occi.compute.cores"] = 2L;
        r.Attributes["occi.core.title"] = "t";
        var json = EntityDocumentCodec.EncodeToString(r);
        Assert.That(json, Does.Contain("\"text\":{\"occi.compute.cores\":\"2\"}"));
    }

    /// <summary>Issue 12 item 4: NaN and ±∞ are stored in AttributeJson's form (null, ±1e999) and read back as numbers.</summary>
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Non_finite_number_round_trips(double number)
    {
        var r = new Resource { Id = "x", Kind = Compute.Kind.Id };
        r.Attributes["a"] = number;
        var back = RoundTrip(r).Attributes["a"];
        Assert.That(back.Kind, Is.EqualTo(AttributeValueKind.Number));
        Assert.That(back.AsNumber, Is.EqualTo(number));
    }

    [Test]
    public void Mixin_round_trips_definition_and_depends_resolved_by_caller()
    {
        var mixin = new Mixin("http://example.org/tags#", "blue", "Blue things", "/mixins/blue/",
            depends: [Templates.OsTpl], applies: [Compute.Kind.Id],
            attributes: [new AttributeDefinition("org.example.shade", AttributeType.Enum, mutable: false, required: true,
                @default: "navy", pattern: "[a-z]+", description: "which blue", enumValues: ["navy", "sky"])],
            isUserDefined: true);
        var back = EntityDocumentCodec.DecodeMixin(EntityDocumentCodec.EncodeMixin(mixin),
            id => id == Templates.OsTpl.Id ? Templates.OsTpl : null);
        var d = back.Attributes["org.example.shade"]!;
        Assert.That((back.Id, back.Title, back.Location, back.IsUserDefined), Is.EqualTo((mixin.Id, "Blue things", "/mixins/blue/", true)));
        Assert.That(back.Depends.Single(), Is.SameAs(Templates.OsTpl));
        Assert.That(back.Applies, Is.EqualTo(new[] { Compute.Kind.Id }));
        Assert.That((d.Type, d.Mutable, d.Required, d.Default, d.Pattern, d.Description, d.EnumValues.Count),
            Is.EqualTo((AttributeType.Enum, false, true, (AttributeValue?)"navy", "[a-z]+", "which blue", 2)));
    }

    [Test]
    public void Mixin_depends_that_cannot_be_resolved_become_identity_placeholders()
    {
        var mixin = new Mixin("http://example.org/tags#", "blue", depends: [Templates.OsTpl], isUserDefined: true);
        var back = EntityDocumentCodec.DecodeMixin(EntityDocumentCodec.EncodeMixin(mixin));
        Assert.That(back.Depends.Single().Id, Is.EqualTo(Templates.OsTpl.Id));
    }

    [Test]
    public void Unknown_entity_type_is_rejected()
    {
        Assert.That(() => EntityDocumentCodec.Decode("{\"type\":\"thing\",\"id\":\"x\",\"kind\":\"a#b\"}"),
            Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void Document_is_utf8_json()
    {
        var r = new Resource { Id = "ü", Kind = Compute.Kind.Id };
        var bytes = EntityDocumentCodec.Encode(r);
        Assert.That(Encoding.UTF8.GetString(bytes), Does.StartWith("{\"type\":\"resource\""));
        Assert.That(RoundTrip(r).Id, Is.EqualTo("ü"));
    }
}
