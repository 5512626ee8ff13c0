using System.Text;
using Occi.Core.Attributes;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Json.JsonTestSupport;
using static Occi.Rendering.Tests.Json11.Json11TestSupport;

namespace Occi.Rendering.Tests.Json11;

/// <summary>What the 1.1 rendering writes, its parser reads back the same; bad bodies are parse errors, never anything else.</summary>
public sealed class Json11RoundTripTests
{
    [Test]
    public void A_resource_reads_back_as_written()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.OsTpl, Contextualization.SshKey);
        compute.Actions.Clear(); // written as objects the model defines; read back as identities (checked below)
        var back = Parse11(Render11((r, o) => r.RenderEntity(compute, Context, o))).Entities.Single();
        compute.Location = null; // as rOCCI-server: the kind's location and the id say where it is
        Assert.That(Describe(back), Is.EqualTo(Describe(compute)));
    }

    [Test]
    public void A_link_reads_back_with_its_ends()
    {
        var compute = SampleResource(Compute.Kind, "c1");
        var link = SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, "/network/n1", IpNetworkInterface.Mixin);
        link.Actions.Clear();
        link.SourceKind = link.TargetKind = null; // 1.1 has "rel" only
        var back = (Occi.Core.Model.Link)Parse11(Render11((r, o) => r.RenderEntity(link, Context, o))).Entities.Single();
        link.Location = null;
        Assert.That(Describe(back), Is.EqualTo(Describe(link)));
    }

    [Test]
    public void The_model_reads_back_with_parents_and_depends()
    {
        var json = Render11((r, o) => r.RenderCategories(Model.Categories, Context, o));
        var request = Parse11(json);
        var osTpl = request.Mixins.Single(m => m.Id == Templates.OsTpl.Id);
        Assert.That(osTpl.Applies, Is.EqualTo(Templates.OsTpl.Applies));
        Assert.That(request.Categories, Is.EquivalentTo(Model.Categories.Select(c => c.Id)));
    }

    [Test]
    public void Names_that_nest_under_another_attribute_are_kept_under_their_whole_name()
    {
        var compute = new Occi.Core.Model.Resource { Kind = Compute.Kind.Id, Id = "c1" };
        compute.Attributes["org.example.a"] = AttributeValue.String("leaf");
        compute.Attributes["org.example.a.b"] = AttributeValue.Integer(2);
        var json = Render11((r, o) => r.RenderEntity(compute, Context, o));
        Assert.That(json, Does.Contain("\"org.example.a.b\":2"));
        var back = Parse11(json).Entities.Single();
        Assert.That(back.Attributes["org.example.a"].AsString, Is.EqualTo("leaf"));
        Assert.That(back.Attributes["org.example.a.b"].AsInteger, Is.EqualTo(2));
    }

    [TestCase("{\"resources\":[{\"kind\":\"http://schemas.ogf.org/occi/infrastructure#compute\",\"attributes\":{\"occi\":{\"compute\":{\"cores\":\"x\"", "end")]
    [TestCase("{\"resources\":[{\"kind\":\"nonsense\",\"attributes\":{\"occi\":{\"core\":{\"id\":\"1\"}}}}]}", "nonsense")]
    [TestCase("{\"resources\":[{\"kind\":\"http://schemas.ogf.org/occi/infrastructure#compute\",\"attributes\":{\"occi\":{\"core\":{\"id\":\"1\"}},\"occi.core.id\":\"2\"}}]}", "twice")]
    public void Bad_bodies_are_parse_errors_that_say_why(string body, string says)
    {
        var e = Assert.Throws<OcciParseException>(() => Parse11(body));
        Assert.That(e!.Message, Does.Contain(says));
    }

    [Test]
    public void Truncated_and_mutated_bodies_give_a_request_or_a_parse_exception()
    {
        var bodies = new[]
        {
            FixtureText("pyocni/post_resources.json"), FixtureText("pyocni/trigger_action.json"), FixtureText("pyocni/filter_categories.json"),
            FixtureText("rOCCI-server-1.1.x/etc/backends/dummy/fixtures/resource_tpl.json"),
            Render11((r, o) => r.RenderCategories(Model.Categories.Take(12), Context, o)),
        };
        var random = new Random(20261205);
        foreach (var body in bodies.Select(Encoding.UTF8.GetBytes))
        {
            for (var cut = 0; cut < body.Length; cut += Math.Max(1, body.Length / 200)) Total(body[..cut]);
            for (var i = 0; i < 300; i++)
            {
                var mutated = (byte[])body.Clone();
                mutated[random.Next(mutated.Length)] = (byte)"{}[]\",:0a. "[random.Next(11)];
                Total(mutated);
            }
        }
    }

    private static void Total(byte[] body)
    {
        try { Parse11(body); }
        catch (OcciParseException) { }
        catch (Exception e) { Assert.Fail($"{e.GetType().Name} escaped: {e.Message}\n{Encoding.UTF8.GetString(body)}"); }
    }
}
