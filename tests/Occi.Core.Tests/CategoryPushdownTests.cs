using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Core.Tests;

/// <summary>A Category filter becomes store query conditions, so the store selects before it pages.</summary>
public class CategoryPushdownTests
{
    private static EntityQuery Narrow(EntityQuery query, out IReadOnlyList<CategoryId> rest, params CategoryId[] categories) =>
        CategoryPushdown.Narrow(query, categories, TestModel.Snapshot(), out rest);

    [Test]
    public void A_kind_narrows_the_kinds_to_itself_and_its_sub_kinds()
    {
        var q = Narrow(new EntityQuery { LocationPrefix = "/" }, out var rest, CoreCategories.Link.Id);
        Assert.That(q.Kinds, Does.Contain(TestModel.Wire.Id).And.Contain(CoreCategories.Link.Id).And.Not.Contain(TestModel.Machine.Id));
        Assert.That(rest, Is.Empty);
    }

    [Test]
    public void A_kind_outside_the_collections_kinds_leaves_no_kind()
    {
        var q = Narrow(new EntityQuery { Kinds = [TestModel.Machine.Id] }, out _, TestModel.Wire.Id);
        Assert.That(q.Kinds, Is.Empty);
    }

    [Test]
    public void One_mixin_becomes_the_query_mixin_and_a_second_is_left_over()
    {
        var q = Narrow(new EntityQuery(), out var rest, TestModel.Base.Id, TestModel.Small.Id);
        Assert.That(q.Mixin, Is.EqualTo(TestModel.Base.Id));
        Assert.That(rest, Is.EqualTo(new[] { TestModel.Small.Id }));
    }

    [Test]
    public void A_mixin_collection_filtered_by_its_own_mixin_needs_nothing_more()
    {
        var q = Narrow(new EntityQuery { Mixin = TestModel.Small.Id }, out var rest, TestModel.Small.Id);
        Assert.That(q.Mixin, Is.EqualTo(TestModel.Small.Id));
        Assert.That(rest, Is.Empty);
    }
}
