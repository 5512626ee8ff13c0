using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Tests;

public class RegistryTests
{
    private static readonly Kind Thing = new("http://example.org/occi#", "thing", "Thing", CoreCategories.Resource, "/thing/");

    [Test]
    public void Finds_categories_by_identity_and_by_location()
    {
        var registry = new CategoryRegistry([Thing]);
        Assert.That(registry.Current.Find(Thing.Id), Is.SameAs(Thing));
        Assert.That(registry.Current.FindByLocation("/thing/"), Is.SameAs(Thing));
        Assert.That(registry.Current.Find(CoreCategories.Entity.Id), Is.Not.Null, "core kinds are always there");
    }

    [Test]
    public void Adding_a_user_mixin_makes_a_new_snapshot_and_leaves_the_old_one_alone()
    {
        var registry = new CategoryRegistry([Thing]);
        var before = registry.Current;
        var tag = new Mixin("http://example.org/tags#", "blue", "Blue", "/tags/blue/", isUserDefined: true);
        registry.Add(tag);
        Assert.That(before.Find(tag.Id), Is.Null);
        Assert.That(registry.Current.FindByLocation("/tags/blue/"), Is.SameAs(tag));
        Assert.That(registry.Current.Version, Is.GreaterThan(before.Version));
    }

    [Test]
    public void A_location_already_in_use_is_a_conflict()
    {
        var registry = new CategoryRegistry([Thing]);
        var clash = new Mixin("http://example.org/tags#", "x", location: "/thing/", isUserDefined: true);
        var e = Assert.Throws<OcciException>(() => registry.Add(clash))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain("/thing/"));
    }

    [Test]
    public void Removing_a_mixin_drops_it_from_lookups()
    {
        var tag = new Mixin("http://example.org/tags#", "blue", location: "/tags/blue/", isUserDefined: true);
        var registry = new CategoryRegistry([Thing, tag]);
        Assert.That(registry.Remove(tag.Id), Is.True);
        Assert.That(registry.Current.FindByLocation("/tags/blue/"), Is.Null);
        Assert.That(registry.Remove(tag.Id), Is.False);
    }
}
