using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>Render then parse gives the same entity, for every kind, mixin, link and action of the model.</summary>
public sealed class JsonRoundTripTests
{
    public static IEnumerable<Kind> ResourceKinds() => Model.Kinds.Where(k => k.Location is not null && !Model.IsLinkKind(k.Id));
    public static IEnumerable<Kind> LinkKinds() => Model.Kinds.Where(k => Model.IsLinkKind(k.Id));
    public static IEnumerable<Mixin> Mixins() => InfrastructureModel.Mixins;
    public static IEnumerable<OcciAction> Actions() => Model.Actions;

    private static Entity RoundTrip(Entity e)
    {
        var request = Parse(RenderEntity(e));
        Assert.That(request.Entities, Has.Count.EqualTo(1));
        return request.Entities[0];
    }

    [TestCaseSource(nameof(ResourceKinds))]
    public void Resource_of_every_kind_survives_render_and_parse(Kind kind)
    {
        var r = SampleResource(kind, "r-" + kind.Term);
        Assert.That(Describe(RoundTrip(r)), Is.EqualTo(Describe(r)));
    }

    [TestCaseSource(nameof(Mixins))]
    public void Resource_with_every_mixin_and_its_attributes_survives_render_and_parse(Mixin mixin)
    {
        var kind = mixin.Applies.Count > 0 ? Model.FindKind(mixin.Applies[0])! : Compute.Kind;
        var e = Model.IsLinkKind(kind.Id)
            ? (Entity)SampleLink(kind, "l1", SampleResource(Compute.Kind, "c1"), Network.Kind, "/network/n1", mixin)
            : SampleResource(kind, "m-" + mixin.Term, mixin);
        Assert.That(Describe(RoundTrip(e)), Is.EqualTo(Describe(e)));
    }

    [TestCaseSource(nameof(LinkKinds))]
    public void Link_of_every_kind_keeps_source_target_and_their_kinds(Kind kind)
    {
        var source = SampleResource(Compute.Kind, "c1");
        var l = SampleLink(kind, "l-" + kind.Term, source, Storage.Kind, "/storage/s1");
        var parsed = RoundTrip(l);
        Assert.That(parsed, Is.InstanceOf<Link>());
        Assert.That(Describe(parsed), Is.EqualTo(Describe(l)));
    }

    [Test]
    public void Compute_with_mixins_links_and_values_of_every_json_type_survives_render_and_parse()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.OsTpl, Contextualization.SshKey);
        foreach (var (name, value) in EveryValueKind()) compute.Attributes[name] = value;
        compute.Links.Add(SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, "/network/n1", IpNetworkInterface.Mixin));
        compute.Links.Add(SampleLink(StorageLink.Kind, "disk0", compute, Storage.Kind, "http://elsewhere.example/storage/9"));
        Assert.That(Describe(RoundTrip(compute)), Is.EqualTo(Describe(compute)));
    }

    [Test]
    public void Integer_number_and_whole_number_keep_their_json_types()
    {
        var r = new Resource { Kind = Compute.Kind.Id, Id = "c1" };
        r.Attributes["occi.compute.cores"] = AttributeValue.Integer(2);
        r.Attributes["occi.compute.memory"] = AttributeValue.Number(2.0);
        var parsed = RoundTrip(r).Attributes;
        Assert.That(parsed["occi.compute.cores"].Kind, Is.EqualTo(AttributeValueKind.Integer));
        Assert.That(parsed["occi.compute.memory"].Kind, Is.EqualTo(AttributeValueKind.Number));
    }

    [Test]
    public void Collection_of_resources_and_links_survives_render_and_parse()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.ResourceTpl);
        var network = SampleResource(Network.Kind, "n1", IpNetwork.Mixin);
        var storage = SampleResource(Storage.Kind, "s1");
        var nic = SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, network.Location!);
        compute.Links.Add(nic);
        var disk = SampleLink(StorageLink.Kind, "disk0", compute, Storage.Kind, storage.Location!);
        Entity[] entities = [compute, disk, network, storage];

        var request = Parse(RenderCollection(entities));

        // Resources are rendered before links.
        Entity[] expected = [compute, network, storage, disk];
        Assert.That(request.Entities.Select(Describe), Is.EqualTo(expected.Select(Describe)));
    }

    [Test]
    public void Collection_names_every_kind_and_mixin_once_in_categories()
    {
        var request = Parse(RenderCollection(
            SampleResource(Compute.Kind, "c1", Templates.OsTpl), SampleResource(Compute.Kind, "c2", Templates.OsTpl)));
        Assert.That(request.Categories, Is.EqualTo(new[] { Compute.Kind.Id, Templates.OsTpl.Id }));
    }

    [TestCaseSource(nameof(Actions))]
    public void Action_invocation_of_every_action_survives_render_and_parse(OcciAction action)
    {
        var attributes = new AttributeBag();
        foreach (var d in action.Attributes) attributes[d.Name] = SampleValue(d);
        var json = Render((r, o) => ((Occi.Rendering.Json.JsonRendering)r).RenderActionInvocation(new ActionInvocation(action.Id, attributes), o));

        var request = Parse(json);

        Assert.That(request.Action, Is.Not.Null);
        Assert.That(request.Action!.Action, Is.EqualTo(action.Id));
        Assert.That(request.Action.Attributes.Select(kv => kv.Key + "=" + Describe(kv.Value)),
            Is.EqualTo(attributes.Select(kv => kv.Key + "=" + Describe(kv.Value))));
        Assert.That(request.Categories, Is.EqualTo(new[] { action.Id }));
    }

    [Test]
    public void Single_entity_body_also_fills_categories_and_request_attributes()
    {
        var r = SampleResource(Compute.Kind, "c1", Templates.OsTpl);
        var request = Parse(RenderEntity(r));
        Assert.That(request.Categories, Is.EqualTo(new[] { Compute.Kind.Id, Templates.OsTpl.Id }));
        Assert.That(request.Attributes["occi.compute.hostname"], Is.EqualTo(r.Attributes["occi.compute.hostname"]));
        Assert.That(request.Attributes.GetString(Entity.IdAttribute), Is.EqualTo("c1"));
    }

    [Test]
    public void Locations_render_as_an_array_of_absolute_urls_and_parse_back()
    {
        var json = Render((r, o) => r.RenderLocations(["/compute/1", "http://other.example/storage/2"], Context, o));
        Assert.That(json, Is.EqualTo("[\"http://example.org:8080/compute/1\",\"http://other.example/storage/2\"]"));
        Assert.That(Parse(json).Locations, Is.EqualTo(new[] { "http://example.org:8080/compute/1", "http://other.example/storage/2" }));
    }
}
