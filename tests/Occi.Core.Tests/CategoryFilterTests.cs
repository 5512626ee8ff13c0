using Occi.Core.Filtering;
using Occi.Core.Model;

namespace Occi.Core.Tests;

public class CategoryFilterTests
{
    [Test]
    public void No_filter_returns_every_category()
    {
        var s = TestModel.Snapshot();
        Assert.That(CategoryFilter.Apply(s, []), Is.EqualTo(s.Categories));
    }

    [Test]
    public void A_filter_returns_only_the_named_categories()
    {
        var s = TestModel.Snapshot();
        Assert.That(CategoryFilter.Apply(s, [TestModel.Machine.Id, TestModel.Tag.Id]), Is.EquivalentTo(new Category[] { TestModel.Machine, TestModel.Tag }));
    }

    [Test]
    public void A_filter_naming_a_parent_does_not_return_its_children() =>
        Assert.That(CategoryFilter.Apply(TestModel.Snapshot(), [CoreCategories.Resource.Id]), Is.EqualTo(new[] { CoreCategories.Resource }));

    [Test]
    public void A_filter_naming_only_unknown_categories_returns_nothing() =>
        Assert.That(CategoryFilter.Apply(TestModel.Snapshot(), [CategoryId.Parse("http://x#nope")]), Is.Empty);
}
