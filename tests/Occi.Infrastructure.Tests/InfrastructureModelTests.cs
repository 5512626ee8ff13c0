using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Infrastructure.Tests;

public class InfrastructureModelTests
{
    [Test]
    public void The_whole_model_builds_a_registry_without_conflicts() =>
        Assert.That(() => new CategoryRegistry(InfrastructureModel.All), Throws.Nothing);

    [Test]
    public void The_registry_holds_every_kind_mixin_and_action_of_the_model()
    {
        var s = new CategoryRegistry(InfrastructureModel.All).Current;
        foreach (var c in InfrastructureModel.All.Concat(InfrastructureModel.Kinds.SelectMany(k => k.Actions)))
            Assert.That(s.Find(c.Id), Is.SameAs(c), c.Id.ToString());
    }

    [Test]
    public void Every_location_is_unique_and_ends_in_a_slash()
    {
        var locations = new CategoryRegistry(InfrastructureModel.All).Current.Categories
            .Select(CategorySnapshot.LocationOf).OfType<string>().ToList();
        Assert.That(locations, Is.Unique);
        Assert.That(locations, Is.All.StartWith("/").And.All.EndWith("/"));
        Assert.That(locations, Has.Count.EqualTo(InfrastructureModel.Kinds.Count + InfrastructureModel.Mixins.Count + 2), "core resource and link have one too");
    }

    /// <summary>rOCCI-cli 4.3 splits text/occi header values on every comma, inside quoted strings too (issue 10).</summary>
    [Test]
    public void No_title_description_or_default_of_the_built_in_model_holds_a_comma()
    {
        var categories = InfrastructureModel.All.Concat(InfrastructureModel.Kinds.SelectMany(k => k.Actions))
            .Concat(InfrastructureModel.Mixins.SelectMany(m => m.Actions)).ToList();
        var texts = categories.Select(c => (What: c.Id.ToString(), Text: c.Title))
            .Concat(categories.SelectMany(c => c.Attributes.Select(a => (What: $"{c.Id} {a.Name}", Text: a.Description))))
            .Concat(categories.SelectMany(c => c.Attributes.Select(a => (What: $"{c.Id} {a.Name} default", Text: a.Default?.ToString()))))
            .Concat(categories.SelectMany(c => c.Attributes.SelectMany(a => a.EnumValues.Select(v => (What: $"{c.Id} {a.Name} value", Text: (string?)v)))));
        Assert.That(texts.Where(t => t.Text?.Contains(',') == true).Select(t => $"{t.What}: {t.Text}"), Is.Empty);
    }

    [Test]
    public void Category_identities_are_unique() =>
        Assert.That(InfrastructureModel.All.Select(c => c.Id), Is.Unique);

    [Test]
    public void Every_kind_and_mixin_resolves_by_its_location()
    {
        var s = new CategoryRegistry(InfrastructureModel.All).Current;
        foreach (var c in InfrastructureModel.Kinds.Cast<Category>().Concat(InfrastructureModel.Mixins))
            Assert.That(s.FindByLocation(CategorySnapshot.LocationOf(c)!), Is.SameAs(c), c.Id.ToString());
    }

    [Test]
    public void Link_kinds_are_recognised_as_links()
    {
        var s = new CategoryRegistry(InfrastructureModel.All).Current;
        Assert.That(s.IsLinkKind(Kinds.NetworkInterface.Kind.Id), Is.True);
        Assert.That(s.IsLinkKind(Kinds.StorageLink.Kind.Id), Is.True);
        Assert.That(s.IsLinkKind(Kinds.Compute.Kind.Id), Is.False);
    }
}
