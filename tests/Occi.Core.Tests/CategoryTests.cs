using Occi.Core.Model;

namespace Occi.Core.Tests;

public class CategoryTests
{
    [TestCase("http://example.org/occi")]
    [TestCase("http://example.org/occi/")]
    [TestCase("")]
    public void Scheme_not_ending_in_hash_is_refused(string scheme) =>
        Assert.That(() => new Kind(scheme, "thing"), Throws.ArgumentException.With.Property("ParamName").EqualTo("scheme"));

    [Test]
    public void Empty_term_is_refused() =>
        Assert.That(() => new Mixin("http://example.org/occi#", ""), Throws.ArgumentException.With.Property("ParamName").EqualTo("term"));

    [Test]
    public void A_category_knows_its_identity_scheme_and_term()
    {
        var action = new OcciAction("http://example.org/action#", "reboot", "Reboot");
        Assert.That(action.Id, Is.EqualTo(CategoryId.Parse("http://example.org/action#reboot")));
        Assert.That(action.Scheme, Is.EqualTo("http://example.org/action#"));
        Assert.That(action.Term, Is.EqualTo("reboot"));
        Assert.That(action.Title, Is.EqualTo("Reboot"));
        Assert.That(action.ToString(), Is.EqualTo("http://example.org/action#reboot"));
    }

    [Test]
    public void Class_names_are_those_of_the_text_rendering()
    {
        Assert.That(TestModel.Machine.ClassName, Is.EqualTo("kind"));
        Assert.That(TestModel.Tag.ClassName, Is.EqualTo("mixin"));
        Assert.That(TestModel.Start.ClassName, Is.EqualTo("action"));
    }

    [Test]
    public void An_attribute_defined_twice_in_one_category_is_refused() =>
        Assert.That(() => new Kind("http://example.org/occi#", "twice", attributes:
        [
            new Occi.Core.Attributes.AttributeDefinition("example.x"),
            new Occi.Core.Attributes.AttributeDefinition("example.x"),
        ]), Throws.ArgumentException.With.Message.Contains("example.x"));
}
