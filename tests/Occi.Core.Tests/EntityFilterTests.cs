using Occi.Core.Attributes;
using Occi.Core.Filtering;
using Occi.Core.Model;

namespace Occi.Core.Tests;

public class EntityFilterTests
{
    private static bool Matches(Entity e, CategoryId[] categories, params (string Name, AttributeValue Value)[] attributes) =>
        new EntityFilter(categories, attributes.Select(a => new KeyValuePair<string, AttributeValue>(a.Name, a.Value)).ToList())
            .Matches(e, TestModel.Snapshot());

    [Test]
    public void The_empty_filter_matches_everything()
    {
        Assert.That(EntityFilter.None.IsEmpty, Is.True);
        Assert.That(EntityFilter.None.Matches(TestModel.NewMachine(), TestModel.Snapshot()), Is.True);
    }

    [Test]
    public void Filtering_by_the_kind_or_an_ancestor_matches()
    {
        Assert.That(Matches(TestModel.NewMachine(), [TestModel.Machine.Id]), Is.True);
        Assert.That(Matches(TestModel.NewMachine(), [CoreCategories.Resource.Id]), Is.True);
        Assert.That(Matches(TestModel.NewMachine(), [CoreCategories.Entity.Id]), Is.True);
    }

    [Test]
    public void Filtering_by_another_kind_does_not_match()
    {
        Assert.That(Matches(TestModel.NewMachine(), [TestModel.Wire.Id]), Is.False);
        Assert.That(Matches(TestModel.NewMachine(), [CoreCategories.Link.Id]), Is.False);
    }

    [Test]
    public void Filtering_by_a_mixin_matches_entities_that_have_it()
    {
        var tagged = TestModel.NewMachine();
        tagged.Mixins.Add(TestModel.Tag.Id);
        Assert.That(Matches(tagged, [TestModel.Tag.Id]), Is.True);
        Assert.That(Matches(TestModel.NewMachine(), [TestModel.Tag.Id]), Is.False);
    }

    [Test]
    public void Every_category_condition_must_hold()
    {
        var tagged = TestModel.NewMachine();
        tagged.Mixins.Add(TestModel.Tag.Id);
        Assert.That(Matches(tagged, [TestModel.Machine.Id, TestModel.Tag.Id]), Is.True);
        Assert.That(Matches(tagged, [TestModel.Tag.Id, TestModel.Labelled.Id]), Is.False);
    }

    [Test]
    public void Attribute_equality_matches_and_inequality_does_not()
    {
        var e = TestModel.NewMachine(("example.machine.memory", 2.5));
        Assert.That(Matches(e, [], ("example.machine.memory", 2.5)), Is.True);
        Assert.That(Matches(e, [], ("example.machine.memory", 4)), Is.False);
        Assert.That(Matches(e, [], ("example.machine.cores", 2)), Is.False, "an absent attribute never matches");
    }

    [Test]
    public void Quoted_2_matches_integer_2_and_the_reverse()
    {
        Assert.That(Matches(TestModel.NewMachine(("example.machine.cores", 2)), [], ("example.machine.cores", "2")), Is.True);
        Assert.That(Matches(TestModel.NewMachine(("example.machine.cores", "2")), [], ("example.machine.cores", 2)), Is.True);
        Assert.That(Matches(TestModel.NewMachine(("example.machine.cores", 2)), [], ("example.machine.cores", 2.0)), Is.True);
    }

    [Test]
    public void String_attributes_compare_case_sensitively() =>
        Assert.That(Matches(TestModel.NewMachine(), [], ("example.machine.owner", "Alice")), Is.False);

    [Test]
    public void Filtering_by_occi_core_id_uses_the_entity_id()
    {
        Assert.That(Matches(TestModel.NewMachine(), [], ("occi.core.id", "m1")), Is.True);
        Assert.That(Matches(TestModel.NewMachine(), [], ("occi.core.id", "m2")), Is.False);
    }

    [Test]
    public void Filtering_links_by_source_and_target()
    {
        var wire = TestModel.NewWire("/machine/a", "/machine/b");
        Assert.That(Matches(wire, [], ("occi.core.source", "/machine/a")), Is.True);
        Assert.That(Matches(wire, [], ("occi.core.target", "/machine/b")), Is.True);
        Assert.That(Matches(wire, [], ("occi.core.target", "/machine/a")), Is.False);
        Assert.That(Matches(TestModel.NewMachine(), [], ("occi.core.source", "/machine/a")), Is.False, "a resource has no source");
    }

    [Test]
    public void Category_and_attribute_conditions_must_all_hold()
    {
        var e = TestModel.NewMachine(("example.machine.cores", 2));
        Assert.That(Matches(e, [TestModel.Machine.Id], ("example.machine.cores", 2)), Is.True);
        Assert.That(Matches(e, [TestModel.Wire.Id], ("example.machine.cores", 2)), Is.False);
    }
}
