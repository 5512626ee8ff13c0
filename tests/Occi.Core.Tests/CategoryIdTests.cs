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

public class CategoryIdParsingTests
{
    [Test]
    public void Identity_splits_at_the_last_hash_so_a_scheme_may_contain_one()
    {
        var id = CategoryId.Parse("http://example.org/a#b#term");
        Assert.That(id.Scheme, Is.EqualTo("http://example.org/a#b#"));
        Assert.That(id.Term, Is.EqualTo("term"));
    }

    [Test]
    public void Parse_of_a_non_identity_throws_a_format_error_naming_it() =>
        Assert.That(() => CategoryId.Parse("compute"), Throws.TypeOf<FormatException>().With.Message.Contains("'compute'"));

    [Test]
    public void TryParse_of_null_is_refused() => Assert.That(CategoryId.TryParse(null, out _), Is.False);

    [Test]
    public void Identities_with_the_same_scheme_and_term_are_equal_and_hash_alike()
    {
        var a = CategoryId.Parse("http://schemas.ogf.org/occi/core#link");
        var b = new CategoryId("http://schemas.ogf.org/occi/core#", "link");
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void Same_term_in_another_scheme_is_another_category() =>
        Assert.That(CategoryId.Parse("http://a.org/x#small"), Is.Not.EqualTo(CategoryId.Parse("http://b.org/x#small")));

    [Test]
    public void ToString_is_the_identity() =>
        Assert.That(new CategoryId("http://a#", "t").ToString(), Is.EqualTo("http://a#t"));
}
