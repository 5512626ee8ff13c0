using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Rendering.Json;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>Bodies real OCCI 1.2 implementations produce (rOCCI-core 5, erocci) parse, and mean the same after our re-rendering.</summary>
public sealed class JsonFixtureTests
{
    private const string Rocci = "rOCCI-core-5.0.0.beta.18";
    private const string Erocci = "erlang-occi";

    /// <summary>Every .json file of the fixture folders; one ignored case when the folders are absent.</summary>
    public static IEnumerable<TestCaseData> AllJsonFixtures()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) dir = dir.Parent;
        var root = dir is null ? "" : Path.Combine(dir.FullName, "..", "shared", "fixtures");
        var found = false;
        foreach (var folder in new[] { $"{Rocci}/examples/rendering", $"{Erocci}/test/parsers_SUITE_data", $"{Erocci}/test/renderers_SUITE_data" })
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path)) continue;
            foreach (var file in Directory.GetFiles(path, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                found = true;
                yield return new TestCaseData(file).SetArgDisplayNames($"{folder}/{Path.GetFileName(file)}");
            }
        }
        if (!found) yield return new TestCaseData("").SetArgDisplayNames("fixtures absent");
    }

    /// <summary>The fixtures that describe entities (they name a "kind").</summary>
    public static IEnumerable<TestCaseData> EntityFixtures() =>
        AllJsonFixtures().Where(c => c.Arguments[0] is "" || File.ReadAllText((string)c.Arguments[0]!).Contains("\"kind\""));

    private static byte[] Read(string folder, string sub, string name)
    {
        var path = Fixtures([folder, .. sub.Split('/'), name]);
        if (!File.Exists(path)) Assert.Ignore($"{path} is absent");
        return File.ReadAllBytes(path);
    }

    [TestCaseSource(nameof(AllJsonFixtures))]
    public void Fixture_parses_to_a_non_empty_request(string path)
    {
        if (path.Length == 0) Assert.Ignore("../shared/fixtures is absent");
        Assert.That(Parse(File.ReadAllBytes(path)).IsEmpty, Is.False);
    }

    [TestCaseSource(nameof(EntityFixtures))]
    public void Fixture_entities_mean_the_same_after_our_rendering(string path)
    {
        if (path.Length == 0) Assert.Ignore("../shared/fixtures is absent");
        var first = Parse(File.ReadAllBytes(path));
        Assert.That(first.Entities, Is.Not.Empty);
        var again = Parse(RenderCollection([.. first.Entities]));
        Assert.That(again.Entities.Select(Describe), Is.EquivalentTo(first.Entities.Select(Describe)));
    }

    [Test]
    public void Rocci_instance_parses_to_a_compute_with_typed_attributes_actions_and_two_links()
    {
        var request = Parse(Read(Rocci, "examples/rendering", "instance.json"));
        var compute = (Resource)request.Entities.Single();
        Assert.That((compute.Kind, compute.Id, compute.Title), Is.EqualTo((Compute.Kind.Id, "89878", "my_compute")));
        Assert.That(compute.Attributes["occi.compute.cores"], Is.EqualTo(AttributeValue.Integer(1)));
        Assert.That(compute.Attributes["occi.compute.cores"].Kind, Is.EqualTo(AttributeValueKind.Integer));
        Assert.That(compute.Attributes["occi.compute.memory"].Kind, Is.EqualTo(AttributeValueKind.Number));
        Assert.That(compute.Attributes.Contains(Entity.IdAttribute), Is.False, "occi.core.id is the Id property");
        Assert.That(compute.Actions, Is.EqualTo(new[] { Compute.Stop.Id, Compute.Restart.Id, Compute.Suspend.Id }));
        Assert.That(compute.Links.Select(l => (l.Id, l.Kind, l.Source, l.SourceKind, l.Target, l.TargetKind)), Is.EqualTo(new[]
        {
            ("compute_89878_disk_0", StorageLink.Kind.Id, "/compute/89878", (CategoryId?)Compute.Kind.Id, "/storage/5401", (CategoryId?)Storage.Kind.Id),
            ("compute_89878_nic_0", NetworkInterface.Kind.Id, "/compute/89878", Compute.Kind.Id, "/network/24", Network.Kind.Id),
        }));
        Assert.That(compute.Links[1].Mixins, Is.EqualTo(new[] { IpNetworkInterface.Mixin.Id }));
        Assert.That(compute.Links[0].Attributes.Contains(Link.SourceAttribute), Is.False, "occi.core.source is the Source property");
    }

    [Test]
    public void Rocci_action_instance_parses_to_an_action_invocation()
    {
        var request = Parse(Read(Rocci, "examples/rendering", "action_instance.json"));
        Assert.That(request.Action!.Action, Is.EqualTo(Compute.Suspend.Id));
        Assert.That(request.Action.Attributes.GetString("method"), Is.EqualTo("suspend"));
        Assert.That(request.Attributes.GetString("method"), Is.EqualTo("suspend"));
    }

    [Test]
    public void Rocci_categories_parse_to_named_mixins()
    {
        var request = Parse(Read(Rocci, "examples/rendering", "categories.json"));
        Assert.That(request.Categories.Select(c => c.Term), Is.EqualTo(new[] { "ipnetwork", "ipnetworkinterface", "os_tpl", "resource_tpl" }));
    }

    [TestCase("model.json", 11, 5, 18)]
    [TestCase("model.alt.json", 9, 79, 12)]
    public void Rocci_model_reads_as_category_definitions(string name, int kinds, int mixins, int actions)
    {
        var model = JsonRequestReader.ReadCategories(Read(Rocci, "examples/rendering", name), Model);
        Assert.That((model.Kinds.Count, model.Mixins.Count, model.Actions.Count), Is.EqualTo((kinds, mixins, actions)));
    }

    [Test]
    public void Rocci_model_keeps_kind_parents_actions_and_attribute_definitions()
    {
        var model = JsonRequestReader.ReadCategories(Read(Rocci, "examples/rendering", "model.json"), Model);
        var compute = model.Kinds.Single(k => k.Id == Compute.Kind.Id);
        Assert.That(compute.Parent!.Id, Is.EqualTo(CoreCategories.Resource.Id));
        Assert.That(compute.Actions.Select(a => a.Term), Does.Contain("start").And.Contain("save"));
        var restart = model.Actions.Single(a => a.Id == Compute.Restart.Id);
        var method = restart.Attributes["method"]!;
        Assert.That((method.Type, method.Mutable, method.Required, method.Default), Is.EqualTo((AttributeType.String, true, false, (AttributeValue?)"cold")));
    }

    [Test]
    public void Erocci_compute_parses_with_its_summary_as_attribute()
    {
        var r = (Resource)Parse(Read(Erocci, "test/parsers_SUITE_data", "compute_a.json")).Entities.Single();
        Assert.That((r.Id, r.Summary), Is.EqualTo(("compute1", "A super computer")));
        Assert.That(r.Attributes["occi.compute.speed"], Is.EqualTo(AttributeValue.Number(1.5)));
        Assert.That(r.Attributes["occi.compute.cores"].Kind, Is.EqualTo(AttributeValueKind.Integer));
    }

    [Test]
    public void Erocci_core_link_parses_to_a_link_without_end_kinds()
    {
        var l = (Link)Parse(Read(Erocci, "test/parsers_SUITE_data", "core_link.json")).Entities.Single();
        Assert.That((l.Id, l.Source, l.Target, l.SourceKind, l.TargetKind), Is.EqualTo(("link1", "/myresource0", "/myresource1", (CategoryId?)null, (CategoryId?)null)));
    }

    [Test]
    public void Erocci_inline_link_without_source_has_its_resource_as_source()
    {
        var r = (Resource)Parse(Read(Erocci, "test/parsers_SUITE_data", "resource_link.json")).Entities.Single();
        var l = r.Links.Single();
        Assert.That((l.Id, l.Target, l.SourceKind), Is.EqualTo(("mylink1", "http://example.org/another_resource1", (CategoryId?)CoreCategories.Resource.Id)));
    }

    [Test]
    public void Erocci_collection_of_bare_locations_parses_to_locations()
    {
        var request = Parse(Read(Erocci, "test/parsers_SUITE_data", "collection.json"));
        Assert.That(request.Locations, Is.EqualTo(new[] { "/resource0", "/resource1" }));
        Assert.That(request.Entities, Is.Empty);
    }

    [Test]
    public void Erocci_user_mixin_parses_to_a_user_defined_mixin()
    {
        var m = Parse(Read(Erocci, "test/parsers_SUITE_data", "user_mixin.json")).Mixins.Single();
        Assert.That((m.Id.Identity, m.Location, m.IsUserDefined), Is.EqualTo(("http://schemas.example.org/occi#mymixin0", "http://localhost:8080/categories/mymixin0", true)));
    }

    [Test]
    public void Erocci_netif_rendering_means_a_networkinterface_with_kinded_ends()
    {
        var l = (Link)Parse(Read(Erocci, "test/renderers_SUITE_data", "netif.json")).Entities.Single();
        Assert.That((l.Kind, l.Id, l.Location, l.Source, l.SourceKind, l.Target, l.TargetKind), Is.EqualTo((
            NetworkInterface.Kind.Id, "myif", "http://example.org:8080/myif", "http://example.org:8080/mycompute", (CategoryId?)Compute.Kind.Id,
            "http://example.org:8080/mynetwork", (CategoryId?)Network.Kind.Id)));
        Assert.That(l.Mixins, Is.EqualTo(new[] { IpNetworkInterface.Mixin.Id }));
    }

    [Test]
    public void Erocci_categories_read_despite_schema_objects_as_patterns_and_array_titles()
    {
        var model = JsonRequestReader.ReadCategories(Read(Erocci, "test/renderers_SUITE_data", "categories.json"), Model);
        Assert.That((model.Kinds.Count, model.Mixins.Count, model.Actions.Count), Is.EqualTo((8, 7, 11)));
        var debian = model.Mixins.Single(m => m.Term == "debian6");
        Assert.That((debian.Title, debian.Depends.Single().Id), Is.EqualTo(((string?)null, Templates.OsTpl.Id)));
        Assert.That(model.Kinds.Single(k => k.Term == "compute").Attributes["occi.compute.cores"]!.Pattern, Is.Null);
    }

    [Test]
    public void Our_rendering_of_the_erocci_compute_means_what_erocci_rendered()
    {
        var erocci = (Resource)Parse(Read(Erocci, "test/renderers_SUITE_data", "compute_b.json")).Entities.Single();
        var ours = (Resource)Parse(RenderEntity(erocci)).Entities.Single();
        Assert.That(Describe(ours), Is.EqualTo(Describe(erocci)));
        Assert.That(ours.Links.Single().Location, Is.EqualTo("http://example.org:8080/ns1/mycompute0/netif0"));
    }
}
