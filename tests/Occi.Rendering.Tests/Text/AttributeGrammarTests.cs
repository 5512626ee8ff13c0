using Occi.Core.Attributes;
using Occi.Rendering.Text.Grammar;
using Sprache;

namespace Occi.Rendering.Tests.Text;

/// <summary>GFD.185 §3.4.4 (X-OCCI-Attribute) and §3.4.5 (X-OCCI-Location).</summary>
public sealed class AttributeGrammarTests
{
    private static IReadOnlyList<KeyValuePair<string, AttributeValue>> Parse(string value)
    {
        var result = AttributeGrammar.HeaderValue.End().TryParse(value);
        Assert.That(result.WasSuccessful, Is.True, result.ToString());
        return result.Value;
    }

    private static AttributeValue One(string value) => Parse(value).Single().Value;

    [Test]
    public void Quoted_value_is_a_string() => Assert.That(One("occi.compute.hostname=\"a name\"").Kind, Is.EqualTo(AttributeValueKind.String));

    [Test]
    public void Quoted_number_stays_a_string() => Assert.That(One("occi.compute.cores=\"1\""), Is.EqualTo(AttributeValue.String("1")));

    [Test]
    public void Bare_digits_are_an_integer() => Assert.That(One("occi.compute.cores=45"), Is.EqualTo(AttributeValue.Integer(45)).And.Property("Kind").EqualTo(AttributeValueKind.Integer));

    [Test]
    public void Negative_integer_is_an_integer() => Assert.That(One("a=-3").AsInteger, Is.EqualTo(-3));

    [Test]
    public void Bare_decimal_is_a_number()
    {
        var v = One("occi.compute.speed=1.5");
        Assert.That(v.Kind, Is.EqualTo(AttributeValueKind.Number));
        Assert.That(v.AsNumber, Is.EqualTo(1.5));
    }

    [Test]
    public void Whole_decimal_stays_a_number() => Assert.That(One("a=2.0").Kind, Is.EqualTo(AttributeValueKind.Number));

    [Test]
    public void Exponent_is_a_number() => Assert.That(One("a=1E+20").AsNumber, Is.EqualTo(1e20));

    [Test]
    public void Integer_too_big_for_64_bits_is_a_number() => Assert.That(One("a=123456789012345678901234567890").Kind, Is.EqualTo(AttributeValueKind.Number));

    [TestCase("true", true)]
    [TestCase("false", false)]
    public void True_and_false_are_booleans(string text, bool expected) => Assert.That(One("a=" + text), Is.EqualTo(AttributeValue.Boolean(expected)));

    [Test]
    public void Quoted_true_stays_a_string() => Assert.That(One("a=\"true\""), Is.EqualTo(AttributeValue.String("true")));

    [Test]
    public void Other_bare_word_is_a_string() => Assert.That(One("occi.networkinterface.allocation=static"), Is.EqualTo(AttributeValue.String("static")));

    [Test]
    public void Several_attributes_in_one_value_keep_commas_inside_quotes()
    {
        var list = Parse("occi.core.id=\"compute1\", occi.core.summary=\"A super, virtual computer\", occi.compute.cores=45");
        Assert.That(list.Select(a => a.Key), Is.EqualTo(new[] { "occi.core.id", "occi.core.summary", "occi.compute.cores" }));
        Assert.That(list[1].Value, Is.EqualTo(AttributeValue.String("A super, virtual computer")));
    }

    [Test]
    public void Trailing_semicolon_is_accepted() => Assert.That(One("occi.core.id=\"x\";"), Is.EqualTo(AttributeValue.String("x")));

    [Test]
    public void Escapes_decode() => Assert.That(One("a=\"l1\\nl2 \\u00e9 \\\"q\\\" \\\\\""), Is.EqualTo(AttributeValue.String("l1\nl2 é \"q\" \\")));

    [Test]
    public void Upper_case_attribute_names_of_occi_1_2_are_accepted() => Assert.That(Parse("org.Example.Size=1").Single().Key, Is.EqualTo("org.Example.Size"));

    [TestCase("", TestName = "Empty_attribute_is_an_error")]
    [TestCase("a", TestName = "Attribute_without_value_is_an_error")]
    [TestCase("a=", TestName = "Attribute_with_empty_value_is_an_error")]
    [TestCase("=1", TestName = "Attribute_without_name_is_an_error")]
    [TestCase("a..b=1", TestName = "Attribute_name_with_empty_component_is_an_error")]
    [TestCase("a=\"x", TestName = "Attribute_with_unbalanced_quote_is_an_error")]
    [TestCase("a=1 b=2", TestName = "Attributes_without_comma_are_an_error")]
    [TestCase("a=1,", TestName = "Attribute_list_with_trailing_comma_is_an_error")]
    public void Invalid_attribute_values_are_rejected(string value) =>
        Assert.That(AttributeGrammar.HeaderValue.End().TryParse(value).WasSuccessful, Is.False);

    [Test]
    public void Locations_may_be_comma_separated() =>
        Assert.That(LocationGrammar.HeaderValue.End().TryParse("/compute/123, http://example.com/compute/456").Value,
            Is.EqualTo(new[] { "/compute/123", "http://example.com/compute/456" }));

    [Test]
    public void Location_in_angle_brackets_is_accepted() =>
        Assert.That(LocationGrammar.HeaderValue.End().TryParse("<http://example.com/compute/1>").Value, Is.EqualTo(new[] { "http://example.com/compute/1" }));

    [TestCase("", TestName = "Empty_location_is_an_error")]
    [TestCase("/a b", TestName = "Location_with_space_is_an_error")]
    [TestCase("\"/a\"", TestName = "Quoted_location_is_an_error")]
    public void Invalid_locations_are_rejected(string value) =>
        Assert.That(LocationGrammar.HeaderValue.End().TryParse(value).WasSuccessful, Is.False);
}
