using Occi.Core.Model;

namespace Occi.Core.Tests;

public class CategoryIdTests
{
    [Test]
    public void Identity_is_scheme_followed_by_term()
    {
        var id = CategoryId.Parse("http://schemas.ogf.org/occi/infrastructure#compute");
        Assert.That(id.Scheme, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#"));
        Assert.That(id.Term, Is.EqualTo("compute"));
        Assert.That(id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#compute"));
    }

    [TestCase("")]
    [TestCase("no-hash")]
    [TestCase("http://x/y#")]
    [TestCase("#term")]
    public void Identity_without_scheme_or_term_is_refused(string text) =>
        Assert.That(CategoryId.TryParse(text, out _), Is.False);

    [Test]
    public void Identities_compare_case_sensitively() =>
        Assert.That(CategoryId.Parse("http://a#Compute"), Is.Not.EqualTo(CategoryId.Parse("http://a#compute")));
}
