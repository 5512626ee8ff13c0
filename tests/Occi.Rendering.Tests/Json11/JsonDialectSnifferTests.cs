using System.Text;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Rendering.Json11;
using Occi.Tests.Cassettes;
using static Occi.Rendering.Tests.Json.JsonTestSupport;
using static Occi.Rendering.Tests.Json11.Json11TestSupport;

namespace Occi.Rendering.Tests.Json11;

/// <summary>A body's shape tells its dialect: every 1.1 fixture reads as 1.1 (or as either), every 1.2 body never as 1.1.</summary>
public sealed class JsonDialectSnifferTests
{
    private static JsonDialect? Sniff(string json) => JsonDialectSniffer.Sniff(Encoding.UTF8.GetBytes(json));

    [Test]
    public void What_rOCCI_4_sends_is_never_taken_for_OCCI_1_2()
    {
        var bodies = Cassette.JsonCassetteNames().SelectMany(n => Cassette.LoadJson(n).Exchanges).Where(e => e.RequestBody.Length > 0).ToList();
        if (bodies.Count == 0) Assert.Ignore("../shared/fixtures is absent");
        foreach (var e in bodies)
            Assert.That(JsonDialectSniffer.Sniff(e.RequestBody), Is.Not.EqualTo(JsonDialect.Occi12), e.ToString());
        Assert.That(bodies.Where(e => e.Method == "POST" && e.Status == 201).Select(e => JsonDialectSniffer.Sniff(e.RequestBody)),
            Has.All.EqualTo(JsonDialect.Occi11), "a create's nested attributes show it");
    }

    [TestCase("post_resources.json")]
    [TestCase("get_resources.json")]
    [TestCase("partial_update_resource.json")]
    [TestCase("trigger_action.json")]
    [TestCase("associate_mixin.json")]
    [TestCase("filter_categories.json")]
    [TestCase("post_categories.json")]
    [TestCase("put_categories.json")]
    public void PyOcni_bodies_read_as_OCCI_1_1(string file) =>
        Assert.That(Sniff(FixtureText("pyocni/" + file)), Is.EqualTo(JsonDialect.Occi11));

    [Test]
    public void What_the_1_2_rendering_writes_reads_as_OCCI_1_2_or_either()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.OsTpl);
        compute.Links.Add(SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, "/network/n1"));
        Assert.That(Sniff(RenderEntity(compute)), Is.EqualTo(JsonDialect.Occi12));
        Assert.That(Sniff(RenderCollection(compute)), Is.EqualTo(JsonDialect.Occi12));
        Assert.That(Sniff(Render((r, o) => r.RenderCategories(Model.Categories, Context, o))), Is.EqualTo(JsonDialect.Occi12));
        Assert.That(Sniff("""{"action":"http://schemas.ogf.org/occi/infrastructure/compute/action#stop","attributes":{"method":"graceful"}}"""), Is.Null);
    }

    [TestCase("examples/rendering/instance.json")]
    [TestCase("examples/rendering/model.json")]
    [TestCase("examples/rendering/action_instance.json")]
    [TestCase("examples/rendering/categories.json")]
    public void RocciCore_5_bodies_are_never_taken_for_OCCI_1_1(string file) =>
        Assert.That(Sniff(FixtureText("rOCCI-core-5.0.0.beta.18/" + file)), Is.Not.EqualTo(JsonDialect.Occi11));

    [TestCase("")]
    [TestCase("{")]
    [TestCase("[1,2")]
    [TestCase("not json")]
    public void Malformed_bodies_show_no_dialect(string body) => Assert.That(Sniff(body), Is.Null);
}
