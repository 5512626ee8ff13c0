using Occi.Core.Model;

namespace Occi.Core.Tests;

public class KindTests
{
    [Test]
    public void A_kind_is_and_inherits_every_kind_up_to_entity()
    {
        Assert.That(TestModel.Machine.IsOrInherits(TestModel.Machine.Id), Is.True);
        Assert.That(TestModel.Machine.IsOrInherits(CoreCategories.Resource.Id), Is.True);
        Assert.That(TestModel.Machine.IsOrInherits(CoreCategories.Entity.Id), Is.True);
    }

    [Test]
    public void A_resource_kind_does_not_inherit_link_or_a_sibling()
    {
        Assert.That(TestModel.Machine.IsOrInherits(CoreCategories.Link.Id), Is.False);
        Assert.That(TestModel.Machine.IsOrInherits(TestModel.AbstractDevice.Id), Is.False);
    }

    [Test]
    public void A_parent_does_not_inherit_its_child() =>
        Assert.That(CoreCategories.Resource.IsOrInherits(TestModel.Machine.Id), Is.False);

    [Test]
    public void SelfAndAncestors_walks_from_the_kind_to_entity_closest_first() =>
        Assert.That(TestModel.Wire.SelfAndAncestors().Select(k => k.Id),
            Is.EqualTo(new[] { TestModel.Wire.Id, CoreCategories.Link.Id, CoreCategories.Entity.Id }));

    [Test]
    public void Entity_is_the_root_with_no_parent_and_no_location()
    {
        Assert.That(CoreCategories.Entity.Parent, Is.Null);
        Assert.That(CoreCategories.Entity.Location, Is.Null);
        Assert.That(CoreCategories.Entity.SelfAndAncestors(), Is.EqualTo(new[] { CoreCategories.Entity }));
    }

    // GFD.183 §4.5: Resource and Link are both sub-types of Entity and share its scheme.
    [Test]
    public void Core_kinds_have_the_core_scheme_and_entity_as_parent()
    {
        Assert.That(CoreCategories.Entity.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/core#entity"));
        Assert.That(CoreCategories.Resource.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/core#resource"));
        Assert.That(CoreCategories.Link.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/core#link"));
        Assert.That(CoreCategories.Resource.Parent, Is.SameAs(CoreCategories.Entity));
        Assert.That(CoreCategories.Link.Parent, Is.SameAs(CoreCategories.Entity));
    }

    // GFD.183 §4.5.1/4.5.3: occi.core.id immutable; occi.core.source/target required.
    [Test]
    public void Core_attributes_have_the_spec_mutability()
    {
        Assert.That(CoreCategories.Entity.Attributes["occi.core.id"]!.Mutable, Is.False);
        Assert.That(CoreCategories.Entity.Attributes["occi.core.title"]!.Mutable, Is.True);
        Assert.That(CoreCategories.Resource.Attributes["occi.core.summary"]!.Mutable, Is.True);
        Assert.That(CoreCategories.Link.Attributes["occi.core.source"]!.Required, Is.True);
        Assert.That(CoreCategories.Link.Attributes["occi.core.target"]!.Required, Is.True);
    }
}
