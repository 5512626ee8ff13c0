using Occi.Core.Attributes;

namespace Occi.Core.Tests;

public class AttributeValueTests
{
    [Test]
    public void Integer_2_equals_number_2_point_0_and_hashes_alike()
    {
        AttributeValue i = 2, n = 2.0;
        Assert.That(i, Is.EqualTo(n));
        Assert.That(i == n, Is.True);
        Assert.That(i.GetHashCode(), Is.EqualTo(n.GetHashCode()));
    }

    [Test]
    public void Integer_2_differs_from_number_2_point_5_and_from_string_2()
    {
        AttributeValue i = 2;
        Assert.That(i, Is.Not.EqualTo((AttributeValue)2.5));
        Assert.That(i, Is.Not.EqualTo((AttributeValue)"2"));
        Assert.That(i != "2", Is.True);
    }

    [Test]
    public void Strings_compare_case_sensitively()
    {
        Assert.That((AttributeValue)"abc", Is.EqualTo((AttributeValue)"abc"));
        Assert.That((AttributeValue)"abc", Is.Not.EqualTo((AttributeValue)"ABC"));
    }

    [Test]
    public void Boolean_true_differs_from_integer_1() =>
        Assert.That((AttributeValue)true, Is.Not.EqualTo((AttributeValue)1));

    [Test]
    public void Arrays_are_equal_item_by_item_in_order()
    {
        var a = AttributeValue.Array([1, "x"]);
        Assert.That(a, Is.EqualTo(AttributeValue.Array([1.0, "x"])));
        Assert.That(a, Is.Not.EqualTo(AttributeValue.Array(["x", 1])));
        Assert.That(a.GetHashCode(), Is.EqualTo(AttributeValue.Array([1.0, "x"]).GetHashCode()));
    }

    [Test]
    public void Objects_are_equal_member_by_member()
    {
        var a = AttributeValue.Object([new("k", 1), new("v", "x")]);
        Assert.That(a, Is.EqualTo(AttributeValue.Object([new("k", 1), new("v", "x")])));
        Assert.That(a, Is.Not.EqualTo(AttributeValue.Object([new("k", 2), new("v", "x")])));
        Assert.That(a, Is.Not.EqualTo(AttributeValue.Object([new("k", 1)])));
    }

    [Test]
    public void ToString_renders_plain_text_without_quotes()
    {
        Assert.That(((AttributeValue)"a b").ToString(), Is.EqualTo("a b"));
        Assert.That(((AttributeValue)42).ToString(), Is.EqualTo("42"));
        Assert.That(((AttributeValue)(-3L)).ToString(), Is.EqualTo("-3"));
        Assert.That(((AttributeValue)2.5).ToString(), Is.EqualTo("2.5"));
        Assert.That(((AttributeValue)true).ToString(), Is.EqualTo("true"));
        Assert.That(((AttributeValue)false).ToString(), Is.EqualTo("false"));
        Assert.That(AttributeValue.Array([1, "x"]).ToString(), Is.EqualTo("[1,x]"));
        Assert.That(AttributeValue.Object([new("k", 1)]).ToString(), Is.EqualTo("{k:1}"));
    }

    [Test]
    public void Number_ToString_is_culture_invariant_and_round_trips()
    {
        Assert.That(((AttributeValue)0.1).ToString(), Is.EqualTo("0.1"));
        Assert.That(double.Parse(((AttributeValue)(1.0 / 3)).ToString(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1.0 / 3));
    }

    [Test]
    public void Reading_a_value_as_another_kind_throws()
    {
        AttributeValue s = "x";
        Assert.That(() => s.AsInteger, Throws.InvalidOperationException);
        Assert.That(() => ((AttributeValue)2.5).AsInteger, Throws.InvalidOperationException);
        Assert.That(((AttributeValue)2).AsNumber, Is.EqualTo(2.0), "an integer is also a number");
    }

    [Test]
    public void Whole_number_is_an_integer_or_a_number_without_fraction()
    {
        Assert.That(((AttributeValue)3).IsWholeNumber, Is.True);
        Assert.That(((AttributeValue)3.0).IsWholeNumber, Is.True);
        Assert.That(((AttributeValue)3.5).IsWholeNumber, Is.False);
        Assert.That(((AttributeValue)"3").IsWholeNumber, Is.False);
    }

    [Test]
    public void A_null_string_is_refused() =>
        Assert.That(() => AttributeValue.String(null!), Throws.ArgumentNullException);
}
