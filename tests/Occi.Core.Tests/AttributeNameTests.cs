using Occi.Core.Attributes;

namespace Occi.Core.Tests;

// GFD.185 §3.2: attr-component = LOALPHA *( LOALPHA / DIGIT / "-" / "_" ), joined by ".".
public class AttributeNameTests
{
    [TestCase("occi.core.id")]
    [TestCase("occi.compute.state.message")]
    [TestCase("x")]
    [TestCase("org.openstack.compute.user_data")]
    [TestCase("a1.b-2.c_3")]
    public void Lower_case_dotted_names_are_valid_in_both_versions(string name)
    {
        Assert.That(AttributeName.IsValid(name, strict11: true), Is.True);
        Assert.That(AttributeName.IsValid(name), Is.True);
    }

    [TestCase("occi.Compute.cores")]
    [TestCase("Occi.core")]
    public void Upper_case_is_accepted_in_1_2_but_not_in_strict_1_1(string name)
    {
        Assert.That(AttributeName.IsValid(name), Is.True);
        Assert.That(AttributeName.IsValid(name, strict11: true), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(".occi")]
    [TestCase("occi.")]
    [TestCase("occi..core")]
    [TestCase("1occi")]
    [TestCase("occi.1core")]
    [TestCase("occi._x")]
    [TestCase("occi.-x")]
    [TestCase("occi core")]
    [TestCase("occi=core")]
    [TestCase("occi.cöre")]
    public void Malformed_names_are_invalid_in_either_version(string? name)
    {
        Assert.That(AttributeName.IsValid(name), Is.False);
        Assert.That(AttributeName.IsValid(name, strict11: true), Is.False);
    }

    [Test]
    public void A_definition_with_an_invalid_name_is_refused() =>
        Assert.That(() => new AttributeDefinition("bad name"), Throws.ArgumentException.With.Message.Contains("'bad name'"));
}
