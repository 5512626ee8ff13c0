using Occi.Core.Model;
using static Occi.Rendering.Tests.Json.JsonTestSupport;
using static Occi.Rendering.Tests.Json11.Json11TestSupport;

namespace Occi.Rendering.Tests.Json11;

/// <summary>OCCI 1.1 JSON written by rOCCI-server 1.1 (its dummy backend's fixtures) and rOCCI-core 4.3 (its samples).</summary>
public sealed class Json11FixtureTests
{
    [TestCase("compute.json", "http://schemas.ogf.org/occi/infrastructure#compute", 3)]
    [TestCase("storage.json", "http://schemas.ogf.org/occi/infrastructure#storage", -1)]
    [TestCase("network.json", "http://schemas.ogf.org/occi/infrastructure#network", -1)]
    public void RocciServer_collections_give_their_resources(string file, string kind, int count)
    {
        var request = Parse11(FixtureText("rOCCI-server-1.1.x/etc/backends/dummy/fixtures/" + file));
        Assert.That(request.Entities, Is.Not.Empty);
        if (count > 0) Assert.That(request.Entities, Has.Count.EqualTo(count));
        Assert.That(request.Entities.Select(e => e.Kind.Identity), Has.All.EqualTo(kind));
        Assert.That(request.Entities.Select(e => e.Attributes.Select(a => a.Key).Count(k => k.StartsWith("occi.", StringComparison.Ordinal))), Has.All.GreaterThan(0));
        Assert.That(request.Entities.SelectMany(e => e.Attributes.Select(a => a.Key)), Has.None.EqualTo("occi"), "nested names are joined");
    }

    [Test]
    public void RocciServer_compute_collection_keeps_each_value()
    {
        var compute = Parse11(FixtureText("rOCCI-server-1.1.x/etc/backends/dummy/fixtures/compute.json")).Entities[0];
        Assert.That(compute.Id, Is.EqualTo("87f3bfc3-42d4-4474-b45c-757e55e093e9"));
        Assert.That(compute.Title, Is.EqualTo("compute1"));
        Assert.That(Describe(compute.Attributes["occi.compute.memory"]), Is.EqualTo("number 1.7"));
        Assert.That(compute.Attributes["occi.compute.hostname"].AsString, Is.EqualTo("compute1.example.org"));
    }

    [TestCase("os_tpl.json")]
    [TestCase("resource_tpl.json")]
    public void RocciServer_template_mixins_read_with_capitalised_definitions(string file)
    {
        var request = Parse11(FixtureText("rOCCI-server-1.1.x/etc/backends/dummy/fixtures/" + file));
        Assert.That(request.Mixins, Is.Not.Empty);
        foreach (var m in request.Mixins)
        {
            Assert.That(m.Depends.Select(d => d.Id.Term), Is.EqualTo(new[] { file[..^5] }), m.Id.Identity);
            Assert.That(m.Attributes, Is.Not.Empty, m.Id.Identity);
            Assert.That(m.Attributes.Select(a => a.Name), Has.All.Contains("."), "nested definitions are joined");
        }
        if (file == "resource_tpl.json")
        {
            var goliath = request.Mixins.Single(m => m.Term == "goliath");
            Assert.That(goliath.Attributes["occi.compute.cores"]!.Default!.Value.AsInteger, Is.EqualTo(16));
            Assert.That(goliath.Attributes["occi.compute.cores"]!.Mutable, Is.False);
        }
    }

    [Test]
    public void RocciCore_sample_with_inline_links_gives_the_resource_and_its_link()
    {
        var request = Parse11(FixtureText("rOCCI-core-4.3.x/spec/occi/parser/json_samples/test.json"));
        var resource = (Resource)request.Entities.First(e => e is Resource);
        Assert.That(resource.Attributes["occi.compute.cores"].AsInteger, Is.EqualTo(1));
        var link = resource.Links.Single();
        Assert.That(link.Target, Is.EqualTo("/storage/34c88188-d31a-11e1-a11a-a4b197fffef3"));
        Assert.That(link.Source, Is.EqualTo("/compute/34c88188-d31a-11e1-a11a-a4b197fffef4"));
        Assert.That(link.Title, Is.EqualTo("Harddisk 1"));
        Assert.That(request.Entities.OfType<Link>(), Has.Exactly(1).Items);
    }

    [Test]
    public void RocciCore_collection_sample_gives_model_and_entities()
    {
        var request = Parse11(FixtureText("rOCCI-core-4.3.x/spec/occi/collection_samples/collection1.json"));
        Assert.That(request.Mixins.Select(m => m.Id.Identity), Does.Contain("http://example.com/occi/tags#my_mixin"));
        Assert.That(request.Entities.OfType<Resource>().Single().Id, Is.EqualTo("d51cc509-e1b7-4796-98a4-ccae05964ea8"));
        Assert.That(request.Entities.OfType<Link>().Single().Id, Is.EqualTo("35e6f510-4617-465d-9f92-e1079b78f420"));
    }
}
