using Occi.Core.Attributes;
using Occi.Core.Validation;

namespace Occi.Core.Tests;

public class AttributeCoercionTests
{
    [TestCase("2", 2L)]
    [TestCase("-15", -15L)]
    [TestCase("+3", 3L)]
    public void Quoted_integer_becomes_an_integer(string text, long expected)
    {
        var v = AttributeCoercion.Coerce(text, AttributeType.Integer);
        Assert.That(v?.Kind, Is.EqualTo(AttributeValueKind.Integer));
        Assert.That(v?.AsInteger, Is.EqualTo(expected));
    }

    [Test]
    public void Number_2_point_0_becomes_integer_2_for_an_integer_attribute()
    {
        var v = AttributeCoercion.Coerce(2.0, AttributeType.Integer);
        Assert.That(v?.Kind, Is.EqualTo(AttributeValueKind.Integer));
        Assert.That(v?.AsInteger, Is.EqualTo(2));
    }

    [TestCase("2.5", 2.5)]
    [TestCase("1e3", 1000.0)]
    [TestCase("4", 4.0)]
    public void Quoted_number_becomes_a_number(string text, double expected) =>
        Assert.That(AttributeCoercion.Coerce(text, AttributeType.Number)?.AsNumber, Is.EqualTo(expected));

    [TestCase("true", true)]
    [TestCase("false", false)]
    public void Quoted_boolean_becomes_a_boolean(string text, bool expected) =>
        Assert.That(AttributeCoercion.Coerce(text, AttributeType.Boolean)?.AsBoolean, Is.EqualTo(expected));

    [Test]
    public void Numbers_become_text_for_string_enum_and_uri_attributes()
    {
        Assert.That(AttributeCoercion.Coerce(42, AttributeType.String), Is.EqualTo((AttributeValue)"42"));
        Assert.That(AttributeCoercion.Coerce(2.5, AttributeType.String), Is.EqualTo((AttributeValue)"2.5"));
        Assert.That(AttributeCoercion.Coerce(64, AttributeType.Enum), Is.EqualTo((AttributeValue)"64"));
        Assert.That(AttributeCoercion.Coerce(7, AttributeType.Uri), Is.EqualTo((AttributeValue)"7"));
    }

    [TestCase("two", AttributeType.Integer)]
    [TestCase("2.5", AttributeType.Integer)]
    [TestCase("", AttributeType.Integer)]
    [TestCase("NaN", AttributeType.Number)]
    [TestCase("Infinity", AttributeType.Number)]
    [TestCase("1,5", AttributeType.Number)]
    [TestCase("True", AttributeType.Boolean)]
    [TestCase("yes", AttributeType.Boolean)]
    [TestCase("1", AttributeType.Boolean)]
    public void Garbage_is_left_for_the_validator(string text, AttributeType type) =>
        Assert.That(AttributeCoercion.Coerce(text, type), Is.Null);

    [Test]
    public void A_fractional_number_is_not_forced_into_an_integer() =>
        Assert.That(AttributeCoercion.Coerce(2.5, AttributeType.Integer), Is.Null);

    [Test]
    public void Booleans_are_not_turned_into_strings() =>
        Assert.That(AttributeCoercion.Coerce(true, AttributeType.String), Is.Null);

    [Test]
    public void Coercing_an_entity_uses_its_kind_and_mixins_and_leaves_undefined_names_alone()
    {
        var e = TestModel.NewMachine(("example.machine.cores", "4"), ("example.machine.memory", "1.5"), ("example.other", "4"), ("example.label", 3));
        e.Mixins.Add(TestModel.Labelled.Id);
        AttributeCoercion.Coerce(e, TestModel.Snapshot());
        Assert.That(e.Attributes["example.machine.cores"].Kind, Is.EqualTo(AttributeValueKind.Integer));
        Assert.That(e.Attributes["example.machine.memory"].AsNumber, Is.EqualTo(1.5));
        Assert.That(e.Attributes["example.label"], Is.EqualTo((AttributeValue)"3"));
        Assert.That(e.Attributes["example.other"].IsString, Is.True);
    }

    [Test]
    public void A_coerced_entity_then_validates()
    {
        var e = TestModel.NewMachine(("example.machine.cores", "4"));
        AttributeCoercion.Coerce(e, TestModel.Snapshot());
        Assert.That(() => EntityValidator.ValidateCreate(e, TestModel.Snapshot()), Throws.Nothing);
    }
}
