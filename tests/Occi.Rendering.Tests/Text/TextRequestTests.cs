using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>What a parsed text message means: the OcciRequest the server receives.</summary>
public sealed class TextRequestTests
{
    private const string ComputeKind = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n";

    [Test]
    public void Kind_with_attributes_builds_one_resource_with_id_taken_out()
    {
        var r = ParsePlain(ComputeKind + "X-OCCI-Attribute: occi.core.id=\"c1\"\nX-OCCI-Attribute: occi.compute.cores=2\n");
        var e = r.Entities.Single();
        Assert.That(e, Is.TypeOf<Resource>());
        Assert.That(e.Kind, Is.EqualTo(Compute.Kind.Id));
        Assert.That(e.Id, Is.EqualTo("c1"));
        Assert.That(e.Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.compute.cores" }));
        Assert.That(r.Attributes.Contains("occi.core.id"), Is.True);
    }

    [Test]
    public void Mixins_named_with_a_kind_are_the_entity_mixins()
    {
        var r = ParsePlain(ComputeKind + "Category: os_tpl; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"mixin\"\n");
        Assert.That(r.Entities.Single().Mixins, Is.EqualTo(new[] { Templates.OsTpl.Id }));
        Assert.That(r.Mixins, Is.Empty);
    }

    [Test]
    public void Class_less_category_is_classified_by_the_model() =>
        Assert.That(ParsePlain("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"").Entities.Single().Kind, Is.EqualTo(Compute.Kind.Id));

    [Test]
    public void Link_kind_builds_a_link_with_source_and_target()
    {
        var r = ParsePlain("Category: networkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + "X-OCCI-Attribute: occi.core.source=\"/compute/1\"\nX-OCCI-Attribute: occi.core.target=\"/network/2\"\n"
            + "X-OCCI-Attribute: occi.networkinterface.interface=\"eth0\"\n");
        var link = (Link)r.Entities.Single();
        Assert.That(link.Source, Is.EqualTo("/compute/1"));
        Assert.That(link.Target, Is.EqualTo("/network/2"));
        Assert.That(link.Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.networkinterface.interface" }));
    }

    [Test]
    public void Link_headers_become_the_resource_links()
    {
        var r = ParsePlain(ComputeKind + "Link: </network/123>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; self=\"/networkinterface/456\"; "
            + "category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface http://schemas.ogf.org/occi/infrastructure/networkinterface#ipnetworkinterface\"; "
            + "occi.core.id=\"456\"; occi.networkinterface.interface=\"eth0\"\n");
        var link = ((Resource)r.Entities.Single()).Links.Single();
        Assert.That(link.Target, Is.EqualTo("/network/123"));
        Assert.That(link.TargetKind, Is.EqualTo(Network.Kind.Id));
        Assert.That(link.Location, Is.EqualTo("/networkinterface/456"));
        Assert.That(link.Kind, Is.EqualTo(NetworkInterface.Kind.Id));
        Assert.That(link.Mixins, Is.EqualTo(new[] { IpNetworkInterface.Mixin.Id }));
        Assert.That(link.Id, Is.EqualTo("456"));
        Assert.That(link.Source, Is.EqualTo(""));
        Assert.That(link.Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.networkinterface.interface" }));
    }

    [Test]
    public void Link_without_category_is_a_core_link() =>
        Assert.That(((Resource)ParsePlain(ComputeKind + "Link: </storage/1>; rel=\"http://schemas.ogf.org/occi/infrastructure#storage\"").Entities.Single()).Links.Single().Kind,
            Is.EqualTo(CoreCategories.Link.Id));

    [Test]
    public void Action_links_become_entity_actions()
    {
        var r = ParsePlain(ComputeKind + "Link: </compute/1?action=start>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#start\"\n");
        var e = (Resource)r.Entities.Single();
        Assert.That(e.Actions, Is.EqualTo(new[] { Compute.Start.Id }));
        Assert.That(e.Links, Is.Empty);
    }

    [Test]
    public void Action_category_gives_the_invocation_with_its_attributes()
    {
        var r = ParsePlain("Category: stop; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\"\nX-OCCI-Attribute: method=\"graceful\"");
        Assert.That(r.Action!.Action, Is.EqualTo(Compute.Stop.Id));
        Assert.That(r.Action.Attributes["method"], Is.EqualTo(AttributeValue.String("graceful")));
        Assert.That(r.Entities, Is.Empty);
    }

    [Test]
    public void Action_known_to_the_model_needs_no_class() =>
        Assert.That(ParsePlain("Category: start; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"").Action!.Action, Is.EqualTo(Compute.Start.Id));

    [Test]
    public void Mixin_with_location_is_a_user_mixin_definition()
    {
        var r = ParsePlain("Category: my_stuff; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"; title=\"Mine\"; "
            + "rel=\"http://schemas.ogf.org/occi/infrastructure#os_tpl\"; location=\"/my_stuff/\"; attributes=\"x.a{required} x.b{immutable}\"");
        var m = r.Mixins.Single();
        Assert.That(m.Id, Is.EqualTo(new CategoryId("http://example.com/occi/my_stuff#", "my_stuff")));
        Assert.That(m.IsUserDefined, Is.True);
        Assert.That(m.Location, Is.EqualTo("/my_stuff/"));
        Assert.That(m.Title, Is.EqualTo("Mine"));
        Assert.That(m.Depends.Single(), Is.SameAs(Templates.OsTpl));
        Assert.That(m.Attributes.Select(a => (a.Name, a.Required, a.Mutable)), Is.EqualTo(new[] { ("x.a", true, true), ("x.b", false, false) }));
        Assert.That(r.Entities, Is.Empty);
    }

    [Test]
    public void Mixin_definition_with_a_repeated_attribute_keeps_one() =>
        Assert.That(ParsePlain("Category: t; scheme=\"http://e/t#\"; class=\"mixin\"; location=\"/t/\"; attributes=\"a a{required}\"").Mixins.Single().Attributes.Count, Is.EqualTo(1));

    [Test]
    public void Attributes_without_kind_build_a_partial_update_resource()
    {
        var e = ParsePlain("X-OCCI-Attribute: occi.compute.cores=4").Entities.Single();
        Assert.That(e.Kind, Is.EqualTo(default(CategoryId)));
        Assert.That(e.Attributes["occi.compute.cores"], Is.EqualTo(AttributeValue.Integer(4)));
    }

    [Test]
    public void Mixin_alone_is_a_partial_update_adding_it() =>
        Assert.That(ParsePlain("Category: os_tpl; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"mixin\"").Entities.Single().Mixins.Single(), Is.EqualTo(Templates.OsTpl.Id));

    [Test]
    public void Locations_are_collected_as_given() =>
        Assert.That(ParsePlain("X-OCCI-Location: /compute/1, http://x/compute/2\nX-OCCI-Location: /compute/3").Locations,
            Is.EqualTo(new[] { "/compute/1", "http://x/compute/2", "/compute/3" }));

    [Test]
    public void Unknown_categories_are_not_an_error()
    {
        var r = ParsePlain("Category: thing; scheme=\"http://nowhere.example/x#\"; class=\"kind\"");
        Assert.That(r.Categories.Single().Term, Is.EqualTo("thing"));
        Assert.That(r.Entities.Single(), Is.TypeOf<Resource>());
    }

    [Test]
    public void Unknown_kind_with_source_and_target_is_a_link() =>
        Assert.That(ParsePlain("Category: tie; scheme=\"http://nowhere.example/x#\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.source=\"/a\", occi.core.target=\"/b\"").Entities.Single(),
            Is.TypeOf<Link>());
}
