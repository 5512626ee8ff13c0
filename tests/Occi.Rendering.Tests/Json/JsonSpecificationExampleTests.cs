using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Rendering.Json;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>
/// The examples of GFD.225's appendix (json_rendering.tex at occiware/occi-wg HEAD) parse and re-render to the
/// same meaning. The resource and link examples carry known mistakes; they are kept as published except
/// where JSON itself would be broken (noted at each), since the parser is meant to read what clients
/// copied from the specification.
/// </summary>
public sealed class JsonSpecificationExampleTests
{
    // Appendix A.1. As published (the "http: //" with a space included); "links" lists link locations.
    private const string ResourceExample = """
        {
            "kind": "http://schemas.ogf.org/occi/infrastructure#compute",
            "mixins": [
                "http: //example.com/occi/templates#myosmixin"
            ],
            "attributes": {
                "occi.compute.speed": 2,
                "occi.compute.memory": 4,
                "occi.compute.cores": 2,
                "com.example.occi.templates.myosmixin": {
                    "myattribute": "myvalue"
                }
            },
            "actions": [
                "http: //schemas.ogf.org/occi/infrastructure/compute/action#start"
            ],
            "id": "urn:uuid:996ad860-2a9a-504f-8861-aeafd0b2ae29",
            "links": [
                "/storage/22fe83ae-a20f-54fc-b436-cec85c94c5e8"
            ]
        }
        """;

    // Appendix A.2, as published.
    private const string ActionInvocationExample = """
        {
            "action":"http://schemas.ogf.org/occi/infrastructure/compute/action#stop",
            "attributes":{
                "method":"graceful"
            }
        }
        """;

    // Appendix A.3. Corrected: the stray "}" after "attributes" and the missing "," between the two
    // actions. Source and target stay bare strings, as published.
    private const string LinkExample = """
        {
            "kind":"http://schemas.ogf.org/occi/infrastructure#networkinterface",
            "mixins":[
                "http://schemas.ogf.org/occi/infrastructure/networkinterface#ipnetworkinterface"
            ],
                "attributes":{
                    "occi.infrastructure.networkinterface.interface":"eth0",
                    "occi.infrastructure.networkinterface.mac":"00:80:41:ae:fd:7e",
                    "occi.infrastructure.networkinterface.address":"192.168.0.100",
                    "occi.infrastructure.networkinterface.gateway":"192.168.0.1",
                    "occi.infrastructure.networkinterface.allocation":"dynamic"
                },
            "actions":[
                "http://schemas.ogf.org/occi/infrastructure/networkinterface/action#up",
                "http://schemas.ogf.org/occi/infrastructure/networkinterface/action#down"
            ],
            "id":"urn:uuid:22fe83ae-a20f-54fc-b436-cec85c94c5e8",
            "target":"/network/b7d55bf4-7057-5113-85c8-141871bf7635",
            "source":"/compute/996ad860-2a9a-504f-8861-aeafd0b2ae29"
        }
        """;

    // Appendix A.4, as published.
    private const string KindExample = """
        {
            "term":"compute",
            "scheme":"http://schemas.ogf.org/occi/infrastructure#",
            "title":"ComputeResource",
            "parent":"http://schemas.ogf.org/occi/core#resource",
            "attributes":{
                "occi.compute.hostname":{
                    "mutable":true,
                    "required":false,
                    "type":"string",
                    "description":"Hostname of the compute resource"
                },
                "occi.compute.state":{
                    "mutable":false,
                    "required":false,
                    "type":"string",
                    "default":"inactive",
                    "description":"State the compute resource is in"
                }
            },
            "actions":[
                "http://schemas.ogf.org/occi/infrastructure/compute/action#start",
                "http://schemas.ogf.org/occi/infrastructure/compute/action#stop",
                "http://schemas.ogf.org/occi/infrastructure/compute/action#restart",
                "http://schemas.ogf.org/occi/infrastructure/compute/action#suspend"
            ],
            "location":"/compute/"
        }
        """;

    // Appendix A.5, as published (a single mixin object: the query interface's user mixin POST).
    private const string MixinExample = """
        {
            "term":"medium",
            "scheme":"http://example.com/template/resource#",
            "depends":[
                "http://schemas.ogf.org/occi/infrastructure#resourcetpl"
            ],
            "applies":[
                "http://schemas.ogf.org/occi/infrastructure#compute"
            ],
            "attributes":{
                "occi.compute.speed":{
                    "type":"number",
                    "default":2.8
                }
            },
            "title":"MediumVM",
            "location":"/template/resource/medium/"
        }
        """;

    // Appendix A.6, as published.
    private const string ActionExample = """
        {
            "term":"stop",
            "scheme":"http://schemas.ogf.org/occi/infrastructure/compute/action#",
            "title":"StopComputeinstance",
            "attributes":{
                "method":{
                    "mutable":true,
                    "required":false,
                    "type":"string",
                    "default":"poweroff"
                }
            }
        }
        """;

    [Test]
    public void Resource_example_parses_with_its_object_attribute_and_link_locations()
    {
        var request = Parse(ResourceExample);
        var r = (Resource)request.Entities.Single();
        Assert.That((r.Kind, r.Id, r.Mixins.Single().Term, r.Actions.Single().Term),
            Is.EqualTo((Compute.Kind.Id, "urn:uuid:996ad860-2a9a-504f-8861-aeafd0b2ae29", "myosmixin", "start")));
        Assert.That(r.Attributes["com.example.occi.templates.myosmixin"],
            Is.EqualTo(AttributeValue.Object([new("myattribute", "myvalue")])));
        Assert.That(request.Locations, Is.EqualTo(new[] { "/storage/22fe83ae-a20f-54fc-b436-cec85c94c5e8" }));
    }

    [Test]
    public void Resource_example_re_renders_to_the_same_entity()
    {
        var first = Parse(ResourceExample).Entities.Single();
        Assert.That(Describe(Parse(RenderEntity(first)).Entities.Single()), Is.EqualTo(Describe(first)));
    }

    [Test]
    public void Action_invocation_example_parses_and_re_renders_to_the_same_invocation()
    {
        var first = Parse(ActionInvocationExample).Action!;
        Assert.That((first.Action, first.Attributes.GetString("method")), Is.EqualTo((Compute.Stop.Id, "graceful")));
        var again = Parse(Render((r, o) => ((JsonRendering)r).RenderActionInvocation(first, o))).Action!;
        Assert.That((again.Action, again.Attributes.GetString("method")), Is.EqualTo((first.Action, "graceful")));
    }

    [Test]
    public void Link_example_with_bare_string_ends_parses_to_a_link()
    {
        var l = (Link)Parse(LinkExample).Entities.Single();
        Assert.That((l.Kind, l.Source, l.Target, l.Actions.Count, l.Attributes.Count),
            Is.EqualTo((NetworkInterface.Kind.Id, "/compute/996ad860-2a9a-504f-8861-aeafd0b2ae29", "/network/b7d55bf4-7057-5113-85c8-141871bf7635", 2, 5)));
        Assert.That(Describe(Parse(RenderEntity(l)).Entities.Single()), Is.EqualTo(Describe(l)));
    }

    [TestCase("\"dynamic\"\n        },", "\"dynamic\"\n        }\n    },", TestName = "Link_example_as_published_with_its_stray_brace_is_a_parse_error")]
    [TestCase("action#up\",", "action#up\"", TestName = "Link_example_as_published_without_the_comma_between_actions_is_a_parse_error")]
    public void Link_example_as_published_is_a_parse_error(string corrected, string published)
    {
        Assert.That(LinkExample, Does.Contain(corrected));
        var e = Assert.Throws<OcciParseException>(() => Parse(LinkExample.Replace(corrected, published)));
        Assert.That(e!.Where, Does.StartWith("line "));
    }

    [Test]
    public void Kind_example_reads_as_a_kind_and_renders_back_the_same()
    {
        var kind = JsonRequestReader.ReadCategories(System.Text.Encoding.UTF8.GetBytes("{\"kinds\":[" + KindExample + "]}"), Model).Kinds.Single();
        Assert.That((kind.Id, kind.Parent!.Id, kind.Actions.Count, kind.Location), Is.EqualTo((Compute.Kind.Id, CoreCategories.Resource.Id, 4, "/compute/")));
        var state = kind.Attributes["occi.compute.state"]!;
        Assert.That((state.Mutable, state.Default), Is.EqualTo((false, (AttributeValue?)"inactive")));

        var rendered = Render((r, o) => r.RenderCategories([kind], Context, o));
        var again = JsonRequestReader.ReadCategories(System.Text.Encoding.UTF8.GetBytes(rendered), Model).Kinds.Single();
        Assert.That((again.Id, again.Title, again.Parent!.Id, again.Actions.Select(a => a.Id), again.Location),
            Is.EqualTo((kind.Id, kind.Title, kind.Parent.Id, kind.Actions.Select(a => a.Id), "http://example.org:8080/compute/")));
        Assert.That(again.Attributes.Select(d => (d.Name, d.Type, d.Mutable, d.Required, d.Default, d.Description)),
            Is.EqualTo(kind.Attributes.Select(d => (d.Name, d.Type, d.Mutable, d.Required, d.Default, d.Description))));
    }

    [Test]
    public void Mixin_example_posted_alone_is_a_user_mixin_with_depends_applies_and_a_number_default()
    {
        var m = Parse(MixinExample).Mixins.Single();
        Assert.That((m.Id.Identity, m.Depends.Single().Id.Term, m.Applies.Single(), m.Location),
            Is.EqualTo(("http://example.com/template/resource#medium", "resourcetpl", Compute.Kind.Id, "/template/resource/medium/")));
        var speed = m.Attributes["occi.compute.speed"]!;
        // GFD.225 §3.5.1's defaults for what the example leaves out: mutable false, required false.
        Assert.That((speed.Type, speed.Default, speed.Mutable, speed.Required), Is.EqualTo((AttributeType.Number, (AttributeValue?)2.8, false, false)));

        var again = Parse(Render((r, o) => r.RenderCategories([m], Context, o))).Mixins.Single();
        Assert.That((again.Id, again.Depends.Single().Id, again.Applies.Single(), again.Attributes.Single().Default),
            Is.EqualTo((m.Id, m.Depends[0].Id, m.Applies[0], speed.Default)));
    }

    [Test]
    public void Action_example_reads_as_an_action_definition()
    {
        var action = JsonRequestReader.ReadCategories(System.Text.Encoding.UTF8.GetBytes("{\"actions\":[" + ActionExample + "]}"), Model).Actions.Single();
        var method = action.Attributes["method"]!;
        Assert.That((action.Id, action.Title, method.Default, method.Mutable), Is.EqualTo((Compute.Stop.Id, "StopComputeinstance", (AttributeValue?)"poweroff", true)));
    }
}
