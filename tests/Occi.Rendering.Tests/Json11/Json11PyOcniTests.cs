using Occi.Core.Model;
using static Occi.Rendering.Tests.Json.JsonTestSupport;
using static Occi.Rendering.Tests.Json11.Json11TestSupport;

namespace Occi.Rendering.Tests.Json11;

/// <summary>pyOCNI's documented request bodies (../shared/fixtures/pyocni, README there) parse to what pyOCNI means.</summary>
public sealed class Json11PyOcniTests
{
    private static OcciRequest ParsePyOcni(string file) =>
        Parse11(FixtureText("pyocni/" + file).Replace("{location1}", "compute").Replace("{location2}", "compute"));

    [Test]
    public void Post_resources_gives_the_resource_with_its_nested_attributes()
    {
        var request = ParsePyOcni("post_resources.json");
        Assert.That(request.Entities, Has.Count.EqualTo(1));
        var r = request.Entities[0];
        Assert.That(r.Kind, Is.EqualTo(Occi.Infrastructure.Kinds.Compute.Kind.Id));
        Assert.That(r.Id, Is.EqualTo("996ad860-2a9a-504f-8861-aeafd0b2ae29"));
        Assert.That(r.Mixins.Select(m => m.Identity), Is.EqualTo(new[] { "http://schemas.opennebula.org/occi/infrastructure#my_mixin", "http://schemas.other.org/occi#my_mixin" }));
        Assert.That(Describe(r.Attributes["occi.compute.cores"]), Is.EqualTo("integer 2"));
        Assert.That(Describe(r.Attributes["occi.compute.memory"]), Is.EqualTo("integer 4"));
        Assert.That(r.Title, Is.EqualTo("Compute resource"));
        Assert.That(((Resource)r).Summary, Is.EqualTo("This is a compute resource"));
    }

    [Test]
    public void Several_resources_in_one_body_give_one_entity_each()
    {
        var one = FixtureText("pyocni/post_resources.json");
        var start = one.IndexOf('[') + 1;
        var end = one.LastIndexOf(']');
        var item = one[start..end];
        var two = one[..start] + item + "," + item.Replace("996ad860", "11111111") + one[end..];
        var request = Parse11(two);
        Assert.That(request.Entities.Select(e => e.Id), Is.EqualTo(new[] { "996ad860-2a9a-504f-8861-aeafd0b2ae29", "11111111-2a9a-504f-8861-aeafd0b2ae29" }));
        Assert.That(request.Entities.Select(e => e.Attributes.Count), Has.All.EqualTo(5));
    }

    [TestCase("partial_update_resource.json", 2)]
    [TestCase("full_update_resource.json", 3)]
    [TestCase("post_custom_resource.json", 3)]
    public void Updates_give_one_entity_and_its_attributes(string file, int computeAttributes)
    {
        var request = ParsePyOcni(file);
        Assert.That(request.Entities, Has.Count.EqualTo(1));
        Assert.That(request.Entities[0].Attributes.Count(a => a.Key.StartsWith("occi.compute.", StringComparison.Ordinal)), Is.EqualTo(computeAttributes));
        Assert.That(request.Attributes.Count(a => a.Key.StartsWith("occi.compute.", StringComparison.Ordinal)), Is.EqualTo(computeAttributes));
    }

    [Test]
    public void Full_update_reads_action_objects_as_their_identities()
    {
        var request = ParsePyOcni("full_update_resource.json");
        Assert.That(request.Entities[0].Actions.Select(a => a.Identity), Is.EqualTo(new[] { "http://schemas.ogf.org/occi/infrastructure/compute/action#start" }));
    }

    [Test]
    public void Get_resources_filter_gives_the_attributes_to_match()
    {
        var request = ParsePyOcni("get_resources.json");
        Assert.That(request.Attributes.Select(a => a.Key), Is.EquivalentTo(new[] { "occi.compute.speed", "occi.compute.memory", "occi.compute.cores" }));
        Assert.That(Describe(request.Attributes["occi.compute.cores"]), Is.EqualTo("integer 2"));
    }

    [Test]
    public void Trigger_action_gives_the_invocation_with_its_nested_attributes()
    {
        var request = ParsePyOcni("trigger_action.json");
        Assert.That(request.Action!.Action.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure/compute/action#start"));
        Assert.That(request.Action.Attributes["occi.infrastructure.networkinterface.mac"].AsString, Is.EqualTo("00:80:41:ae:fd:7e"));
        Assert.That(request.Action.Attributes.Count, Is.EqualTo(5));
    }

    [TestCase("associate_mixin.json")]
    [TestCase("update_mixins.json")]
    [TestCase("dissociate_mixins.json")]
    public void Mixin_membership_bodies_give_the_locations(string file)
    {
        var request = ParsePyOcni(file);
        Assert.That(request.Locations, Is.EqualTo(new[] { "http://localhost:8090/compute/vm1", "http://localhost:8090/compute/vm2" }));
        Assert.That(request.Entities, Is.Empty);
    }

    [Test]
    public void Post_categories_gives_the_kind_with_its_parent_from_related()
    {
        var request = ParsePyOcni("post_categories.json");
        Assert.That(request.Categories.Select(c => c.Identity), Is.EqualTo(new[] { "http://schemas.ogf.org/occi/infrastructure#compute" }));
        Assert.That(request.Mixins, Is.Empty, "a kind is no user mixin");
    }

    [Test]
    public void Put_categories_gives_the_mixin_with_its_nested_definitions()
    {
        var request = ParsePyOcni("put_categories.json");
        var mixin = request.Mixins.Single();
        Assert.That(mixin.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#resource_tpl"));
        Assert.That(mixin.Location, Is.EqualTo("/template/resource/resource_tpl/"));
        Assert.That(mixin.Attributes["occi.compute.speed"]!.Default!.Value.AsNumber, Is.EqualTo(2.8));
    }

    [Test]
    public void Delete_categories_names_the_kind()
    {
        var request = ParsePyOcni("delete_categories.json");
        Assert.That(request.Categories.Select(c => c.Identity), Is.EqualTo(new[] { "http://schemas.ogf.org/occi/infrastructure#storage" }));
    }

    [Test]
    public void Filter_categories_names_the_actions_with_that_attribute()
    {
        var request = ParsePyOcni("filter_categories.json");
        var expected = Model.Actions.Where(a => a.Attributes.TryGet("method", out _)).Select(a => a.Id).ToArray();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(request.Categories, Is.EquivalentTo(expected));
    }

    [Test]
    public void A_category_filter_that_matches_nothing_names_no_category_of_the_model()
    {
        var request = Parse11("""{"kinds":[{"title":"no such kind"}]}""");
        Assert.That(request.Categories, Has.Count.EqualTo(1));
        Assert.That(Model.Find(request.Categories[0]), Is.Null);
    }

    [Test]
    public void Update_provider_names_the_kind_and_its_local_and_remote_providers()
    {
        var request = ParsePyOcni("update_provider.json");
        var entry = request.Providers!.Single();
        Assert.That(entry.Kind.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#compute"));
        Assert.That((entry.Providers.Local, entry.Providers.Remote), Is.EqualTo((new[] { "dummy" }, new[] { "Bilel" })));
        Assert.That((request.Categories, request.Entities, request.Mixins), Is.EqualTo((new List<Occi.Core.Model.CategoryId>(), new List<Occi.Core.Model.Entity>(), new List<Occi.Core.Model.Mixin>())),
            "it defines and names nothing else");
    }
}
