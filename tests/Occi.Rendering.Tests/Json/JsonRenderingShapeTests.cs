using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>The exact bytes clients get for the common shapes.</summary>
public sealed class JsonRenderingShapeTests
{
    [Test]
    public void Resource_renders_kind_mixins_attributes_actions_id_title_summary_location_and_links()
    {
        var r = new Resource { Kind = Compute.Kind.Id, Id = "c1", Location = "/compute/c1", Title = "web", Summary = "front end" };
        r.Mixins.Add(Templates.OsTpl.Id);
        r.Attributes["occi.compute.cores"] = 2;
        r.Actions.Add(Compute.Start.Id);
        r.Links.Add(new Link
        {
            Kind = NetworkInterface.Kind.Id, Id = "nic0", Location = "/link/networkinterface/nic0",
            Source = "/compute/c1", SourceKind = Compute.Kind.Id, Target = "/network/n1", TargetKind = Network.Kind.Id,
        });

        var expected = """
            {"kind":"http://schemas.ogf.org/occi/infrastructure#compute","mixins":["http://schemas.ogf.org/occi/infrastructure#os_tpl"],"id":"c1",
            "attributes":{"occi.core.id":"c1","occi.core.title":"web","occi.core.summary":"front end","occi.compute.cores":2},
            "actions":["http://schemas.ogf.org/occi/infrastructure/compute/action#start"],"title":"web","summary":"front end",
            "location":"http://example.org:8080/compute/c1","links":[{"kind":"http://schemas.ogf.org/occi/infrastructure#networkinterface",
            "id":"nic0","attributes":{"occi.core.id":"nic0"},
            "source":{"location":"http://example.org:8080/compute/c1","kind":"http://schemas.ogf.org/occi/infrastructure#compute"},
            "target":{"location":"http://example.org:8080/network/n1","kind":"http://schemas.ogf.org/occi/infrastructure#network"},
            "location":"http://example.org:8080/link/networkinterface/nic0"}]}
            """.ReplaceLineEndings("");

        Assert.That(RenderEntity(r), Is.EqualTo(expected));
    }

    [Test]
    public void Empty_collection_renders_as_an_empty_object()
    {
        Assert.That(RenderCollection(), Is.EqualTo("{}"));
    }

    [Test]
    public void Error_renders_as_an_error_object_with_code_and_message()
    {
        Assert.That(Render((r, o) => r.RenderError(404, "no entity at \"/compute/x\"", o)),
            Is.EqualTo("""{"error":{"code":404,"message":"no entity at \"/compute/x\""}}"""));
    }

    [Test]
    public void Rendering_declares_its_media_type_and_full_collections()
    {
        Assert.That((JsonTestSupport.Rendering.MediaType, JsonTestSupport.Rendering.RendersCollectionsInFull), Is.EqualTo(("application/occi+json", true)));
    }
}
