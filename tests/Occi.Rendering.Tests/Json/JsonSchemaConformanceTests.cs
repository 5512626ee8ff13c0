using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>
/// Rendered bodies fit the rOCCI 1.2 JSON Schemas. The one addition allowed is "location" on resources and
/// links (the schema has none; erocci renders it, and a collection is useless to a client without it).
/// </summary>
public sealed class JsonSchemaConformanceTests
{
    private static JsonSchemaCheck Schema() =>
        new(Fixtures("rOCCI-core-5.0.0.beta.18", "lib", "occi", "core", "parsers", "json", "validator", "occi-schema.json"), "location");

    private static Resource Compute1()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.OsTpl);
        foreach (var (name, value) in EveryValueKind()) compute.Attributes[name] = value;
        compute.Links.Add(SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, "/network/n1", IpNetworkInterface.Mixin));
        return compute;
    }

    [Test]
    public void Rendered_resource_fits_the_resource_schema()
    {
        Assert.That(Schema().Check(RenderEntity(Compute1()), "resource"), Is.Empty);
    }

    [Test]
    public void Rendered_bare_resource_fits_the_resource_schema()
    {
        var r = new Resource { Kind = CoreCategories.Resource.Id, Id = "r1" };
        Assert.That(Schema().Check(RenderEntity(r), "resource"), Is.Empty);
    }

    [Test]
    public void Rendered_link_fits_the_link_schema()
    {
        var l = SampleLink(StorageLink.Kind, "disk0", SampleResource(Compute.Kind, "c1"), Storage.Kind, "/storage/s1");
        Assert.That(Schema().Check(RenderEntity(l), "link"), Is.Empty);
    }

    [Test]
    public void Rendered_collection_fits_the_entity_collection_schema()
    {
        var c = Compute1();
        var json = RenderCollection(c, SampleResource(Storage.Kind, "s1"), c.Links[0]);
        Assert.That(Schema().Check(json, "entity_collection"), Is.Empty);
    }

    [Test]
    public void Rendered_empty_collection_fits_the_entity_collection_schema()
    {
        Assert.That(Schema().Check(RenderCollection(), "entity_collection"), Is.Empty);
    }

    [Test]
    public void Rendered_action_invocation_fits_the_action_instance_schema()
    {
        var json = Render((r, o) => ((Occi.Rendering.Json.JsonRendering)r).RenderActionInvocation(
            new ActionInvocation(Compute.Stop.Id, new AttributeBag { ["method"] = "graceful" }), o));
        Assert.That(Schema().Check(json, "action_instance"), Is.Empty);
    }

    /// <summary>The schema requires a kind's location; GFD.225 §3.2.1 binds none for entity, so its absence is the only finding.</summary>
    [Test]
    public void Rendered_model_fits_the_model_schema_but_for_the_unbound_entity_kind()
    {
        var json = Render((r, o) => r.RenderCategories(Model.Categories, Context, o));
        var entityIndex = Model.Kinds.ToList().FindIndex(k => k.Id == CoreCategories.Entity.Id);
        Assert.That(Schema().Check(json, "model"), Is.EqualTo(new[] { $"$.kinds[{entityIndex}]: required 'location' missing" }));
    }

    [Test]
    public void Schema_check_reports_a_missing_required_member()
    {
        Assert.That(Schema().Check("""{"kind":"http://schemas.ogf.org/occi/core#resource","attributes":{}}""", "resource"),
            Is.EqualTo(new[] { "$: required 'id' missing" }));
    }
}
