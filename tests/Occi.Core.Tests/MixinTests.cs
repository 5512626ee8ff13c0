using System.Reflection;
using Occi.Core.Model;

namespace Occi.Core.Tests;

public class MixinTests
{
    private const string S = "http://example.org/m#";

    [Test]
    public void Depends_closure_starts_with_the_mixin_then_its_dependencies_depth_first_in_declared_order()
    {
        var d = new Mixin(S, "d");
        var b = new Mixin(S, "b", depends: [d]);
        var c = new Mixin(S, "c");
        var a = new Mixin(S, "a", depends: [b, c]);
        Assert.That(a.SelfAndDependencies().Select(m => m.Term), Is.EqualTo(new[] { "a", "b", "d", "c" }));
    }

    [Test]
    public void A_dependency_reached_twice_appears_once()
    {
        var shared = new Mixin(S, "shared");
        var left = new Mixin(S, "left", depends: [shared]);
        var right = new Mixin(S, "right", depends: [shared]);
        var top = new Mixin(S, "top", depends: [left, right]);
        Assert.That(top.SelfAndDependencies().Count(m => m.Id == shared.Id), Is.EqualTo(1));
        Assert.That(top.SelfAndDependencies().Count(), Is.EqualTo(4));
    }

    [Test, CancelAfter(5000)]
    public void A_depends_cycle_ends_with_each_mixin_once()
    {
        var a = new Mixin(S, "a");
        var b = new Mixin(S, "b", depends: [a]);
        // The constructor can't make a cycle; a category store or a buggy provider could, so force one.
        typeof(Mixin).GetField("<Depends>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)!
            .SetValue(a, new[] { b });
        Assert.That(a.SelfAndDependencies().Select(m => m.Term), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void IsOrDependsOn_is_true_for_itself_and_transitive_dependencies_only()
    {
        Assert.That(TestModel.Small.IsOrDependsOn(TestModel.Small.Id), Is.True);
        Assert.That(TestModel.Small.IsOrDependsOn(TestModel.Base.Id), Is.True);
        Assert.That(TestModel.Base.IsOrDependsOn(TestModel.Small.Id), Is.False);
        Assert.That(TestModel.Small.IsOrDependsOn(TestModel.Tag.Id), Is.False);
    }

    [Test]
    public void A_mixin_without_applies_applies_to_every_kind()
    {
        Assert.That(TestModel.Tag.CanApplyTo(TestModel.Machine), Is.True);
        Assert.That(TestModel.Tag.CanApplyTo(TestModel.Wire), Is.True);
    }

    [Test]
    public void A_mixin_applies_to_its_kinds_and_not_to_others()
    {
        Assert.That(TestModel.Small.CanApplyTo(TestModel.Machine), Is.True);
        Assert.That(TestModel.Small.CanApplyTo(TestModel.Wire), Is.False);
        Assert.That(TestModel.Small.CanApplyTo(CoreCategories.Resource), Is.False, "a parent is not the kind it names");
    }

    [Test]
    public void A_mixin_applying_to_a_kind_applies_to_the_kinds_that_inherit_it()
    {
        var anyResource = new Mixin(S, "any-resource", applies: [CoreCategories.Resource.Id]);
        Assert.That(anyResource.CanApplyTo(TestModel.Machine), Is.True);
        Assert.That(anyResource.CanApplyTo(TestModel.Wire), Is.False);
    }
}
