using System.Text.RegularExpressions;
using Occi.Core.Attributes;

namespace Occi.Core.Tests;

public class AttributeDefinitionTests
{
    private static AttributeDefinition Of(AttributeType type) => new("example.x", type);

    private static AttributeValue Arr(params AttributeValue[] items) => AttributeValue.Array(items);
    private static AttributeValue Obj(string key, AttributeValue value) => AttributeValue.Object([new(key, value)]);

    [Test]
    public void String_accepts_text_and_refuses_a_number()
    {
        Assert.That(Of(AttributeType.String).Check("hello"), Is.Null);
        Assert.That(Of(AttributeType.String).Check(2), Does.Contain("example.x").And.Contain("a string"));
    }

    [Test]
    public void Number_accepts_integers_and_fractions_and_refuses_text()
    {
        Assert.That(Of(AttributeType.Number).Check(2.5), Is.Null);
        Assert.That(Of(AttributeType.Number).Check(2), Is.Null);
        Assert.That(Of(AttributeType.Number).Check("2.5"), Does.Contain("a number"));
    }

    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(double.NaN)]
    public void Number_refuses_a_value_that_is_not_finite(double value) =>
        Assert.That(Of(AttributeType.Number).Check(value), Does.Contain("example.x").And.Contain("a finite number"));

    [Test]
    public void A_long_refused_value_is_quoted_in_part()
    {
        var digits = new string('9', 5000);
        var error = Of(AttributeType.Integer).Check(digits);
        Assert.That(error, Does.Contain("example.x").And.Contain("(5000 characters)"));
        Assert.That(error!.Length, Is.LessThan(200));
    }

    [Test]
    public void Number_accepts_the_largest_finite_doubles()
    {
        Assert.That(Of(AttributeType.Number).Check(double.MaxValue), Is.Null);
        Assert.That(Of(AttributeType.Number).Check(double.MinValue), Is.Null);
    }

    [Test]
    public void Integer_accepts_whole_numbers_including_2_point_0()
    {
        Assert.That(Of(AttributeType.Integer).Check(2), Is.Null);
        Assert.That(Of(AttributeType.Integer).Check(-7L), Is.Null);
        Assert.That(Of(AttributeType.Integer).Check(2.0), Is.Null, "JSON writers may render 2 as 2.0");
    }

    [TestCase(2.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(1e30)]
    public void Integer_refuses_non_whole_or_out_of_range_numbers(double value) =>
        Assert.That(Of(AttributeType.Integer).Check(value), Does.Contain("an integer"));

    [Test]
    public void Integer_refuses_a_quoted_number_and_a_boolean()
    {
        Assert.That(Of(AttributeType.Integer).Check("2"), Does.Contain("an integer"));
        Assert.That(Of(AttributeType.Integer).Check(true), Does.Contain("an integer"));
    }

    [Test]
    public void Boolean_accepts_true_and_false_only_as_booleans()
    {
        Assert.That(Of(AttributeType.Boolean).Check(true), Is.Null);
        Assert.That(Of(AttributeType.Boolean).Check(false), Is.Null);
        Assert.That(Of(AttributeType.Boolean).Check("true"), Does.Contain("a boolean"));
        Assert.That(Of(AttributeType.Boolean).Check(1), Does.Contain("a boolean"));
    }

    [Test]
    public void Enum_accepts_its_values_case_sensitively_and_lists_them_when_refusing()
    {
        var d = new AttributeDefinition("example.x", AttributeType.Enum, enumValues: ["x86", "x64"]);
        Assert.That(d.Check("x64"), Is.Null);
        Assert.That(d.Check("X64"), Does.Contain("x86, x64").And.Contain("'X64'"));
        Assert.That(d.Check("arm"), Is.Not.Null);
        Assert.That(d.Check(64), Does.Contain("a string"));
    }

    [Test]
    public void Enum_without_values_is_refused() =>
        Assert.That(() => new AttributeDefinition("example.x", AttributeType.Enum), Throws.ArgumentException);

    [TestCase("http://example.org/compute/1")]
    [TestCase("/compute/1")]
    [TestCase("urn:uuid:9a1b7c2e-0000-4000-8000-000000000000")]
    public void Uri_accepts_absolute_and_relative_references(string uri) =>
        Assert.That(Of(AttributeType.Uri).Check(uri), Is.Null);

    [Test]
    public void Uri_refuses_text_that_is_no_uri_and_non_strings()
    {
        Assert.That(Of(AttributeType.Uri).Check("http://[not-a-host"), Does.Contain("a URI"));
        Assert.That(Of(AttributeType.Uri).Check(3), Does.Contain("a string"));
    }

    [Test]
    public void Array_accepts_arrays_only()
    {
        Assert.That(Of(AttributeType.Array).Check(Arr(1, "two")), Is.Null);
        Assert.That(Of(AttributeType.Array).Check("[1]"), Does.Contain("an array"));
        Assert.That(Of(AttributeType.Array).Check(Obj("a", 1)), Does.Contain("an array"));
    }

    [Test]
    public void Object_accepts_objects_only()
    {
        Assert.That(Of(AttributeType.Object).Check(Obj("a", 1)), Is.Null);
        Assert.That(Of(AttributeType.Object).Check(Arr(1)), Does.Contain("an object"));
    }

    [Test]
    public void Pattern_must_match_the_whole_value()
    {
        var d = new AttributeDefinition("example.x", pattern: "[a-z]+");
        Assert.That(d.Check("abc"), Is.Null);
        Assert.That(d.Check("abc1"), Does.Contain("does not match pattern [a-z]+"));
        Assert.That(d.Check("1abc"), Is.Not.Null);
    }

    [Test]
    public void Pattern_alternatives_are_anchored_as_a_group()
    {
        // Without the group, ^a|b$ would accept "ax" and "xb".
        var d = new AttributeDefinition("example.x", pattern: "a|b");
        Assert.That(d.Check("a"), Is.Null);
        Assert.That(d.Check("ax"), Is.Not.Null);
        Assert.That(d.Check("xb"), Is.Not.Null);
    }

    /// <summary>
    /// Issue 12 item 10: catastrophic patterns run on the non-backtracking engine, linear in the value, so the
    /// check completes and answers "no match" instead of timing out (no clock is asserted: it simply finishes).
    /// </summary>
    [TestCase("(a|aa)+b", 60)]
    [TestCase("(a+)+$", 60_000)]
    [TestCase("(x+x+)+y", 60_000)]
    public void Catastrophic_pattern_is_checked_on_the_linear_engine_and_reported_as_no_match(string pattern, int length)
    {
        var d = new AttributeDefinition("example.x", pattern: pattern);
        var error = d.Check(new string(pattern[1], length) + "!");
        Assert.That(error, Does.Contain("example.x").And.Contain("does not match pattern"));
        Assert.That(d.PatternRegex!.Options.HasFlag(RegexOptions.NonBacktracking), Is.True);
        Assert.That(d.PatternNeedsBacktracking, Is.Null);
    }

    [TestCase(@"(a)\1", "aa", "ab")]
    [TestCase("(?=a)[a-z]+", "ab", "ba")]
    [TestCase("(?>a+)b", "aab", "aa")]
    public void A_pattern_the_linear_engine_cannot_run_still_checks_values_within_a_timeout_and_says_why(string pattern, string fits, string misfits)
    {
        var d = new AttributeDefinition("example.x", pattern: pattern);
        Assert.That(d.PatternNeedsBacktracking, Is.Not.Null.And.Not.Empty);
        Assert.That(d.PatternRegex!.MatchTimeout, Is.EqualTo(AttributePattern.BacktrackingTimeout));
        Assert.That(d.Check(fits), Is.Null);
        Assert.That(d.Check(misfits), Does.Contain("does not match pattern"));
    }

    [Test]
    public void Definitions_with_the_same_pattern_share_one_compiled_regex()
    {
        var first = new AttributeDefinition("example.x", pattern: "[a-z]+-shared");
        var second = new AttributeDefinition("example.y", pattern: "[a-z]+-shared");
        Assert.That(second.PatternRegex, Is.SameAs(first.PatternRegex));
    }

    [Test]
    public void A_pattern_that_would_close_the_anchoring_group_is_refused()
    {
        // Anchored naively as ^(?:a)|(b)$ it would accept anything starting with "a".
        var e = Assert.Throws<ArgumentException>(() => new AttributeDefinition("example.x", pattern: "a)|(b"));
        Assert.That(e!.Message, Does.Contain("example.x").And.Contain("not a regular expression"));
    }

    [Test]
    public void A_final_newline_does_not_slip_past_the_pattern()
    {
        var d = new AttributeDefinition("example.x", pattern: "[a-z]+");
        Assert.That(d.Check("abc\n"), Is.Not.Null);
    }

    [Test]
    public void An_invalid_pattern_is_refused_when_the_definition_is_built() =>
        Assert.That(() => new AttributeDefinition("example.x", pattern: "(unclosed"), Throws.InstanceOf<ArgumentException>());

    [Test]
    public void Definition_keeps_its_properties()
    {
        var d = new AttributeDefinition("example.x", AttributeType.Integer, mutable: false, required: true, @default: 4, description: "four");
        Assert.That(d.Name, Is.EqualTo("example.x"));
        Assert.That(d.Type, Is.EqualTo(AttributeType.Integer));
        Assert.That(d.Mutable, Is.False);
        Assert.That(d.Required, Is.True);
        Assert.That(d.Default, Is.EqualTo((AttributeValue)4));
        Assert.That(d.Description, Is.EqualTo("four"));
        Assert.That(d.ToString(), Is.EqualTo("example.x"));
    }
}
