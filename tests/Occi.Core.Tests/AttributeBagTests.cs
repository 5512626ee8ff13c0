using Occi.Core.Attributes;

namespace Occi.Core.Tests;

public class AttributeBagTests
{
    private static AttributeBag Numbered(int count)
    {
        var bag = new AttributeBag();
        for (var i = 0; i < count; i++) bag[$"example.a{i}"] = i;
        return bag;
    }

    [Test]
    public void Attributes_enumerate_in_insertion_order()
    {
        var bag = new AttributeBag();
        bag["z.last"] = 1;
        bag["a.first"] = 2;
        bag["m.middle"] = 3;
        Assert.That(bag.Select(kv => kv.Key), Is.EqualTo(new[] { "z.last", "a.first", "m.middle" }));
    }

    [Test]
    public void Setting_an_existing_name_overwrites_in_place()
    {
        var bag = Numbered(3);
        bag["example.a1"] = "new";
        Assert.That(bag.Count, Is.EqualTo(3));
        Assert.That(bag["example.a1"], Is.EqualTo((AttributeValue)"new"));
        Assert.That(bag.Select(kv => kv.Key).ElementAt(1), Is.EqualTo("example.a1"));
    }

    [Test]
    public void Names_compare_case_sensitively()
    {
        var bag = new AttributeBag();
        bag["occi.core.title"] = "a";
        Assert.That(bag.Contains("OCCI.core.title"), Is.False);
    }

    [Test]
    public void Missing_name_throws_on_index_and_is_false_on_TryGet()
    {
        var bag = Numbered(1);
        Assert.That(() => bag["example.nope"], Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("example.nope"));
        Assert.That(bag.TryGet("example.nope", out _), Is.False);
        Assert.That(bag.GetString("example.nope"), Is.Null);
    }

    [Test]
    public void GetString_is_null_for_a_non_string_value()
    {
        var bag = new AttributeBag();
        bag["example.n"] = 2;
        Assert.That(bag.GetString("example.n"), Is.Null);
    }

    [Test]
    public void Remove_drops_the_attribute_and_keeps_the_others_in_order()
    {
        var bag = Numbered(4);
        Assert.That(bag.Remove("example.a1"), Is.True);
        Assert.That(bag.Remove("example.a1"), Is.False);
        Assert.That(bag.Select(kv => kv.Key), Is.EqualTo(new[] { "example.a0", "example.a2", "example.a3" }));
    }

    [Test]
    public void Set_with_null_removes()
    {
        var bag = Numbered(2);
        bag.Set("example.a0", null);
        Assert.That(bag.Contains("example.a0"), Is.False);
        bag.Set("example.b", "v");
        Assert.That(bag["example.b"], Is.EqualTo((AttributeValue)"v"));
    }

    [TestCase(9)]
    [TestCase(20)]
    public void Lookups_stay_right_past_eight_attributes(int count)
    {
        var bag = Numbered(count);
        for (var i = 0; i < count; i++) Assert.That(bag[$"example.a{i}"], Is.EqualTo((AttributeValue)i));
        bag["example.a3"] = "changed";
        Assert.That(bag.Count, Is.EqualTo(count));
        Assert.That(bag["example.a3"], Is.EqualTo((AttributeValue)"changed"));
    }

    [Test]
    public void Removing_past_eight_attributes_keeps_lookups_right()
    {
        var bag = Numbered(12);
        bag.Remove("example.a2");
        Assert.That(bag.Contains("example.a2"), Is.False);
        Assert.That(bag["example.a11"], Is.EqualTo((AttributeValue)11));
        Assert.That(bag["example.a3"], Is.EqualTo((AttributeValue)3));
        bag["example.new"] = "x";
        Assert.That(bag["example.new"], Is.EqualTo((AttributeValue)"x"));
        Assert.That(bag.Select(kv => kv.Key).Last(), Is.EqualTo("example.new"));
    }

    [Test]
    public void A_clone_is_independent_of_the_original()
    {
        var bag = Numbered(10);
        var clone = bag.Clone();
        clone["example.a0"] = "changed";
        clone.Remove("example.a9");
        bag["example.extra"] = 1;
        Assert.That(bag["example.a0"], Is.EqualTo((AttributeValue)0));
        Assert.That(bag.Contains("example.a9"), Is.True);
        Assert.That(clone.Contains("example.extra"), Is.False);
        Assert.That(clone.Count, Is.EqualTo(9));
    }

    [Test]
    public void Constructing_from_pairs_keeps_the_last_value_of_a_repeated_name()
    {
        var bag = new AttributeBag([new("example.a", 1), new("example.b", 2), new("example.a", 3)]);
        Assert.That(bag.Count, Is.EqualTo(2));
        Assert.That(bag["example.a"], Is.EqualTo((AttributeValue)3));
    }
}
