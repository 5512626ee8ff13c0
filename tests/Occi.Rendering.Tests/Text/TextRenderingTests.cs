using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Rendering.Text;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>What text/plain and text/occi responses look like.</summary>
public sealed class TextRenderingTests
{
    private static Resource ComputeWithEverything()
    {
        var c = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
        c.Mixins.Add(Templates.OsTpl.Id);
        c.Attributes["occi.compute.hostname"] = "say \"hi\"";
        c.Attributes["occi.compute.cores"] = 2;
        c.Attributes["occi.compute.memory"] = 2.0;
        c.Actions.Add(Compute.Start.Id);
        var link = new Link { Id = "l1", Kind = NetworkInterface.Kind.Id, Location = "/networkinterface/l1", Source = "/compute/c1", Target = "/network/n1", TargetKind = Network.Kind.Id };
        link.Attributes["occi.networkinterface.interface"] = "eth0";
        c.Links.Add(link);
        return c;
    }

    [Test]
    public void Text_plain_entity_renders_category_link_and_attribute_lines_in_abnf_order()
    {
        var (body, headers) = Render(PlainText, (r, o) => r.RenderEntity(ComputeWithEverything(), Context, o));
        Assert.That(headers, Is.Empty);
        Assert.That(body, Is.EqualTo(
            "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"; title=\"Compute Resource\"; location=\"http://example.com:8080/compute/\"\n"
            + "Category: os_tpl; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"mixin\"; title=\"OS Template\"; location=\"http://example.com:8080/mixin/os_tpl/\"\n"
            + "Link: </network/n1>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; self=\"/networkinterface/l1\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\"; occi.core.id=\"l1\"; occi.core.source=\"/compute/c1\"; occi.core.target=\"/network/n1\"; occi.networkinterface.interface=\"eth0\"\n"
            + "Link: </compute/c1?action=start>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#start\"\n"
            + "X-OCCI-Attribute: occi.core.id=\"c1\"\n"
            + "X-OCCI-Attribute: occi.compute.hostname=\"say \\\"hi\\\"\"\n"
            + "X-OCCI-Attribute: occi.compute.cores=2\n"
            + "X-OCCI-Attribute: occi.compute.memory=2.0\n"));
    }

    [Test]
    public void Text_occi_entity_renders_comma_joined_headers_and_ok_body()
    {
        var (body, headers) = Render(OcciText, (r, o) => r.RenderEntity(ComputeWithEverything(), Context, o));
        Assert.That(body, Is.EqualTo("OK\n"));
        Assert.That(headers.Select(h => h.Key), Is.EqualTo(new[] { "Category", "Link", "X-OCCI-Attribute" }));
        Assert.That(headers[2].Value, Is.EqualTo("occi.core.id=\"c1\", occi.compute.hostname=\"say \\\"hi\\\"\", occi.compute.cores=2, occi.compute.memory=2.0"));
    }

    [Test]
    public void Text_occi_escapes_non_ascii_so_headers_stay_ascii()
    {
        var r = new Resource { Kind = Compute.Kind.Id };
        r.Attributes["occi.core.title"] = "Grüße\nzwei";
        var (_, headers) = Render(OcciText, (rendering, o) => rendering.RenderEntity(r, Context, o));
        var attribute = headers.Single(h => h.Key == "X-OCCI-Attribute").Value;
        Assert.That(attribute, Is.EqualTo("occi.core.title=\"Gr\\u00FC\\u00DFe\\nzwei\""));
        Assert.That(ReparseOcci(headers, "OK\n").Attributes["occi.core.title"], Is.EqualTo(AttributeValue.String("Grüße\nzwei")));
    }

    [Test]
    public void Link_entity_renders_source_and_target_attributes()
    {
        var l = new Link { Id = "l1", Kind = StorageLink.Kind.Id, Source = "/compute/1", Target = "/storage/2" };
        var (body, _) = Render(PlainText, (r, o) => r.RenderEntity(l, Context, o));
        Assert.That(body, Does.Contain("X-OCCI-Attribute: occi.core.source=\"/compute/1\"\nX-OCCI-Attribute: occi.core.target=\"/storage/2\"\n"));
    }

    [Test]
    public void Locations_render_absolute_one_per_line_in_text_plain()
    {
        var (body, _) = Render(PlainText, (r, o) => r.RenderLocations(["/compute/1", "http://other/compute/2"], Context, o));
        Assert.That(body, Is.EqualTo("X-OCCI-Location: http://example.com:8080/compute/1\nX-OCCI-Location: http://other/compute/2\n"));
    }

    [Test]
    public void Collection_renders_one_comma_joined_location_header_in_text_occi()
    {
        Entity[] entities = [new Resource { Location = "/compute/1" }, new Resource { Location = "/compute/2" }];
        var (body, headers) = Render(OcciText, (r, o) => r.RenderCollection(entities, Context, o));
        Assert.That(headers, Is.EqualTo(new[] { new KeyValuePair<string, string>("X-OCCI-Location", "http://example.com:8080/compute/1, http://example.com:8080/compute/2") }));
        Assert.That(body, Is.EqualTo("OK\n"));
    }

    [Test]
    public void Query_interface_renders_kind_with_every_parameter_in_abnf_order()
    {
        var (body, _) = Render(PlainText, (r, o) => r.RenderCategories([Storage.Kind], Context, o));
        Assert.That(body, Does.StartWith(
            "Category: storage; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"; title=\"Storage Resource\"; "
            + "rel=\"http://schemas.ogf.org/occi/core#resource\"; location=\"http://example.com:8080/storage/\"; attributes=\""));
        Assert.That(body, Does.Contain("occi.storage.state{immutable}"));
        Assert.That(body, Does.Contain("; actions=\"http://schemas.ogf.org/occi/infrastructure/storage/action#online "));
        Assert.That(body, Does.EndWith("\"\n"));
    }

    [Test]
    public void Query_interface_renders_required_and_immutable_properties()
    {
        var kind = new Kind("http://e/x#", "thing", attributes: [new AttributeDefinition("x.a", mutable: false, required: true), new AttributeDefinition("x.b", required: true)]);
        var (body, _) = Render(PlainText, (r, o) => r.RenderCategories([kind], Context, o));
        Assert.That(body, Is.EqualTo("Category: thing; scheme=\"http://e/x#\"; class=\"kind\"; attributes=\"x.a{immutable required} x.b{required}\"\n"));
    }

    [Test]
    public void Query_interface_renders_mixin_depends_as_rel()
    {
        var tpl = Templates.OsTemplate("http://p/os#", "ubuntu", "Ubuntu");
        var (body, _) = Render(PlainText, (r, o) => r.RenderCategories([tpl], Context, o));
        Assert.That(body, Is.EqualTo("Category: ubuntu; scheme=\"http://p/os#\"; class=\"mixin\"; title=\"Ubuntu\"; rel=\"http://schemas.ogf.org/occi/infrastructure#os_tpl\"; location=\"http://example.com:8080/mixin/os_tpl/ubuntu/\"\n"));
    }

    [Test]
    public void Query_interface_renders_actions_with_their_attributes()
    {
        var (body, _) = Render(PlainText, (r, o) => r.RenderCategories([Compute.Stop], Context, o));
        Assert.That(body, Is.EqualTo("Category: stop; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\"; title=\"Stop the system\"; attributes=\"method\"\n"));
    }

    [Test]
    public void Error_is_the_message_as_a_text_line_in_both_flavours()
    {
        foreach (TextRendering rendering in new TextRendering[] { PlainText, OcciText })
        {
            var (body, headers) = Render(rendering, (r, o) => r.RenderError(404, "no such compute", o));
            Assert.That((body, headers.Count), Is.EqualTo(("no such compute\n", 0)));
        }
    }

    [Test]
    public void Media_types_and_collection_style() =>
        Assert.That((PlainText.MediaType, OcciText.MediaType, PlainText.RendersCollectionsInFull, OcciText.RendersCollectionsInFull),
            Is.EqualTo(("text/plain", "text/occi", false, false)));
}
