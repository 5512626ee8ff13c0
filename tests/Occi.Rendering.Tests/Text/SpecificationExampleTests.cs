using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// The renderings printed in GFD.185 (http_rendering.tex, version 1.1) parse, and re-render to the same
/// meaning. Examples abbreviated with "..." in the document are completed with the model's values.
/// </summary>
public sealed class SpecificationExampleTests
{
    // §3.6.2 "Retrieving a Compute resource instance", as printed (continuation lines, a ";" missing at a break).
    private const string ComputeInstance =
        "Category: compute;\n"
        + "    scheme=\"http://schemas.ogf.org/occi/infrastructure#\"\n"
        + "    class=\"kind\";\n"
        + "Link: </users/foo/compute/b9ff813e-fee5-4a9d-b839-673f39746096?action=start>;\n"
        + "    rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#start\"\n"
        + "X-OCCI-Attribute: occi.core.id=\"urn:uuid:b9ff813e-fee5-4a9d-b839-673f39746096\"\n"
        + "X-OCCI-Attribute: occi.core.title=\"My Dummy VM\"\n"
        + "X-OCCI-Attribute: occi.compute.architecture=\"x86\"\n"
        + "X-OCCI-Attribute: occi.compute.state=\"inactive\"\n"
        + "X-OCCI-Attribute: occi.compute.speed=1.33\n"
        + "X-OCCI-Attribute: occi.compute.memory=2.0\n"
        + "X-OCCI-Attribute: occi.compute.cores=2\n"
        + "X-OCCI-Attribute: occi.compute.hostname=\"dummy\"\n";

    [Test]
    public void Complete_compute_instance_example_parses()
    {
        var e = ParsePlain(ComputeInstance).Entities.Single();
        Assert.That(e.Kind, Is.EqualTo(Compute.Kind.Id));
        Assert.That(e.Id, Is.EqualTo("urn:uuid:b9ff813e-fee5-4a9d-b839-673f39746096"));
        Assert.That(e.Actions, Is.EqualTo(new[] { Compute.Start.Id }));
        Assert.That(e.Attributes["occi.compute.speed"], Is.EqualTo(AttributeValue.Number(1.33)));
        Assert.That(e.Attributes["occi.compute.cores"].Kind, Is.EqualTo(AttributeValueKind.Integer));
        Assert.That(e.Attributes.Count, Is.EqualTo(7));
    }

    [Test]
    public void Complete_compute_instance_example_re_renders_to_the_same_meaning()
    {
        var first = ParsePlain(ComputeInstance).Entities.Single();
        first.Location = "/users/foo/compute/b9ff813e-fee5-4a9d-b839-673f39746096";
        var again = ParsePlain(Render(PlainText, (r, o) => r.RenderEntity(first, Context, o)).Body).Entities.Single();
        Assert.That((again.Id, again.Kind), Is.EqualTo((first.Id, first.Kind)));
        Assert.That(again.Actions, Is.EqualTo(first.Actions));
        Assert.That(again.Attributes.ToArray(), Is.EqualTo(first.Attributes.ToArray()));
    }

    // §3.4.1 storage kind (actions completed).
    [Test]
    public void Storage_kind_example_parses_with_its_attribute_properties()
    {
        var r = ParsePlain("Category: storage;\n    scheme=\"http://schemas.ogf.org/occi/infrastructure#\";\n    class=\"kind\";\n    title=\"Storage Resource\";\n"
            + "    rel=\"http://schemas.ogf.org/occi/core#resource\";\n    location=\"/storage/\";\n"
            + "    attributes=\"occi.storage.size{required} occi.storage.state{immutable}\";\n"
            + "    actions=\"http://schemas.ogf.org/occi/infrastructure/storage/action#resize\";\n");
        Assert.That(r.Categories, Is.EqualTo(new[] { Storage.Kind.Id }));
        Assert.That(r.Entities.Single().Kind, Is.EqualTo(Storage.Kind.Id));
    }

    // §3.4.2 networkinterface link.
    [Test]
    public void Networkinterface_link_example_parses_and_re_renders()
    {
        const string example = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\";\n"
            + "Link: </network/123>;\n    rel=\"http://schemas.ogf.org/occi/infrastructure#network\";\n    self=\"/link/networkinterface/456\";\n"
            + "    category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\";\n    occi.networkinterface.interface=\"eth0\";\n"
            + "    occi.networkinterface.mac=\"00:11:22:33:44:55\";\n    occi.networkinterface.state=\"active\";\n";
        var resource = (Resource)ParsePlain(example).Entities.Single();
        var link = resource.Links.Single();
        Assert.That((link.Target, link.Location, link.Kind, link.TargetKind), Is.EqualTo(("/network/123", "/link/networkinterface/456", NetworkInterface.Kind.Id, (CategoryId?)Network.Kind.Id)));
        Assert.That(link.Attributes.Count, Is.EqualTo(3));

        var again = (Resource)ParsePlain(Render(PlainText, (r, o) => r.RenderEntity(resource, Context, o)).Body).Entities.Single();
        Assert.That(again.Links.Single().Attributes.ToArray(), Is.EqualTo(link.Attributes.ToArray()));
    }

    // §3.4 "The following two rendering examples are identical".
    [Test]
    public void Comma_separated_and_separate_lines_are_identical()
    {
        var comma = ParsePlain("X-OCCI-Attribute: occi.compute.memory=2.0, occi.compute.speed=2.33\nX-OCCI-Location: /compute/123, /compute/456");
        var lines = ParsePlain("X-OCCI-Attribute: occi.compute.memory=2.0\nX-OCCI-Attribute: occi.compute.speed=2.33\nX-OCCI-Location: /compute/123\nX-OCCI-Location: /compute/456");
        Assert.That(comma.Attributes.ToArray(), Is.EqualTo(lines.Attributes.ToArray()));
        Assert.That(comma.Locations, Is.EqualTo(lines.Locations));
    }

    // §3.6.1 text/occi example: two categories in one header, trailing ";" before the comma, a bare value.
    [Test]
    public void Text_occi_example_headers_parse()
    {
        var r = ParseHeaders(
            ("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\";,\r\n            my_stuff; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\";"),
            ("X-OCCI-Attribute", "occi.compute.cores=2, occi.compute.hostname=foobar"));
        var e = r.Entities.Single();
        Assert.That(e.Mixins.Single().Term, Is.EqualTo("my_stuff"));
        Assert.That(e.Attributes["occi.compute.hostname"], Is.EqualTo(AttributeValue.String("foobar")));
    }

    // §3.3.1 adding a mixin definition.
    [Test]
    public void Mixin_definition_example_parses()
    {
        var m = ParsePlain("Category: my_stuff;\n    scheme=\"http://example.com/occi/my_stuff#\";\n    class=\"mixin\";\n"
            + "    rel=\"http:/example.com/occi/something_else#mixin\";\n    location=\"/my_stuff/\"").Mixins.Single();
        Assert.That((m.Term, m.Location, m.Depends.Single().Id.Identity), Is.EqualTo(("my_stuff", "/my_stuff/", "http:/example.com/occi/something_else#mixin")));
    }

    // §3.3.3 triggering an action on a collection (scheme completed).
    [Test]
    public void Action_trigger_example_parses()
    {
        var r = ParsePlain("Category: stop; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\";\nX-OCCI-Attribute: method=poweroff");
        Assert.That(r.Action!.Action, Is.EqualTo(Compute.Stop.Id));
        Assert.That(r.Action.Attributes["method"], Is.EqualTo(AttributeValue.String("poweroff")));
    }

    // §3.3.3 mixin membership, and §3.4.5 locations.
    [Test]
    public void Location_examples_parse()
    {
        var r = ParsePlain("X-OCCI-Location: http://example.com/vms/user1/vm1\nX-OCCI-Location: http://example.com/vms/user1/vm2\nX-OCCI-Location: http://example.com/disks/user1/disk1\n");
        Assert.That(r.Locations, Has.Count.EqualTo(3));
        Assert.That(r.Entities, Is.Empty);
    }

    // §3.3.1 removing a mixin definition: a category without location names the mixin to delete.
    [Test]
    public void Mixin_removal_example_names_the_category() =>
        Assert.That(ParsePlain("Category: my_stuff; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\";").Categories.Single(),
            Is.EqualTo(new CategoryId("http://example.com/occi/my_stuff#", "my_stuff")));

    // §3.4.4 compute attributes.
    [Test]
    public void Attribute_example_types_are_as_written()
    {
        var a = ParsePlain("X-OCCI-Attribute: occi.compute.architecture=\"x86_64\"\nX-OCCI-Attribute: occi.compute.cores=2\nX-OCCI-Attribute: occi.compute.hostname=\"testserver\"\n"
            + "X-OCCI-Attribute: occi.compute.speed=2.66\nX-OCCI-Attribute: occi.compute.memory=3.0\nX-OCCI-Attribute: occi.compute.state=\"active\"").Attributes;
        Assert.That(a.Select(x => x.Value.Kind), Is.EqualTo(new[]
        {
            AttributeValueKind.String, AttributeValueKind.Integer, AttributeValueKind.String, AttributeValueKind.Number, AttributeValueKind.Number, AttributeValueKind.String,
        }));
    }
}
