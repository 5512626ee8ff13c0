using Occi.Core.Model;

namespace Occi.Core.Tests;

public class CategorySnapshotTests
{
    [Test]
    public void AttributesOf_gathers_the_kind_chain_then_mixins_and_their_depends()
    {
        var names = TestModel.Snapshot().AttributesOf(TestModel.Machine.Id, [TestModel.Small.Id, TestModel.Labelled.Id]).Select(a => a.Name).ToList();
        Assert.That(names, Does.Contain("example.machine.cores").And.Contain("occi.core.summary").And.Contain("occi.core.id")
            .And.Contain("example.machine.size").And.Contain("example.label"));
        Assert.That(names.IndexOf("example.machine.cores"), Is.LessThan(names.IndexOf("occi.core.summary")), "closest kind first");
        Assert.That(names.IndexOf("occi.core.id"), Is.LessThan(names.IndexOf("example.machine.size")), "kind chain before mixins");
    }

    [Test]
    public void AttributesOf_a_link_kind_has_source_and_target_but_not_summary()
    {
        var names = TestModel.Snapshot().AttributesOf(TestModel.Wire.Id, []).Select(a => a.Name).ToList();
        Assert.That(names, Does.Contain("occi.core.source").And.Contain("occi.core.target").And.Contain("example.wire.speed"));
        Assert.That(names, Does.Not.Contain("occi.core.summary"));
    }

    [Test]
    public void AttributesOf_ignores_unknown_categories() =>
        Assert.That(TestModel.Snapshot().AttributesOf(CategoryId.Parse("http://x#nope"), [CategoryId.Parse("http://x#gone")]), Is.Empty);

    [Test]
    public void ActionsOf_gathers_kind_and_mixin_actions()
    {
        var reboot = new OcciAction("http://example.org/r/action#", "reboot");
        var rebootable = new Mixin("http://example.org/r#", "rebootable", actions: [reboot]);
        var registry = TestModel.Registry();
        registry.Add(rebootable);
        Assert.That(registry.Current.ActionsOf(TestModel.Machine.Id, [rebootable.Id]), Is.EqualTo(new[] { TestModel.Start, TestModel.Stop, reboot }));
        Assert.That(registry.Current.ActionsOf(TestModel.Machine.Id, []), Is.EqualTo(new[] { TestModel.Start, TestModel.Stop }));
    }

    [Test]
    public void IsLinkKind_is_true_for_link_and_its_descendants_only()
    {
        var s = TestModel.Snapshot();
        Assert.That(s.IsLinkKind(CoreCategories.Link.Id), Is.True);
        Assert.That(s.IsLinkKind(TestModel.Wire.Id), Is.True);
        Assert.That(s.IsLinkKind(TestModel.Machine.Id), Is.False);
        Assert.That(s.IsLinkKind(CoreCategories.Entity.Id), Is.False);
        Assert.That(s.IsLinkKind(CategoryId.Parse("http://x#unknown")), Is.False);
    }

    [Test]
    public void FindByLocation_finds_kinds_and_mixins_by_exact_path()
    {
        var s = TestModel.Snapshot();
        Assert.That(s.FindByLocation("/machine/"), Is.SameAs(TestModel.Machine));
        Assert.That(s.FindByLocation("/mixin/base/small/"), Is.SameAs(TestModel.Small));
        Assert.That(s.FindByLocation("/machine"), Is.Null);
        Assert.That(s.FindByLocation("/Machine/"), Is.Null);
    }

    [Test]
    public void Typed_finds_answer_null_for_the_wrong_class()
    {
        var s = TestModel.Snapshot();
        Assert.That(s.FindKind(TestModel.Tag.Id), Is.Null);
        Assert.That(s.FindMixin(TestModel.Machine.Id), Is.Null);
        Assert.That(s.FindAction(TestModel.Machine.Id), Is.Null);
        Assert.That(s.Find(TestModel.Stop.Id.Identity), Is.SameAs(TestModel.Stop));
    }

    [Test]
    public void Kinds_mixins_and_actions_are_listed_separately()
    {
        var s = TestModel.Snapshot();
        Assert.That(s.Kinds, Does.Contain(TestModel.Wire).And.Contain(CoreCategories.Entity).And.Not.Contain(TestModel.Tag));
        Assert.That(s.Mixins, Does.Contain(TestModel.Base).And.Not.Contain(TestModel.Machine));
        Assert.That(s.Actions, Is.EquivalentTo(new[] { TestModel.Start, TestModel.Stop }));
    }
}
