using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.Validation;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Infrastructure.Tests;

// GFD.184 §3.5: a provider's template MUST depend on os_tpl / resource_tpl.
public class TemplateTests
{
    private static readonly Mixin Ubuntu = Templates.OsTemplate("http://provider.example/os#", "ubuntu-24.04", "Ubuntu 24.04");
    private static readonly Mixin Small = Templates.ResourceTemplate("http://provider.example/resource#", "small", "Small", 2, 4.0);

    private static CategorySnapshot Model() => new CategoryRegistry(InfrastructureModel.All.Append(Ubuntu).Append(Small)).Current;

    private static Resource NewCompute(params Mixin[] mixins)
    {
        var e = new Resource { Kind = Compute.Kind.Id, Id = "c1" };
        e.Mixins.AddRange(mixins.Select(m => m.Id));
        return e;
    }

    [Test]
    public void Os_template_depends_on_os_tpl_and_applies_to_compute()
    {
        Assert.That(Ubuntu.Depends, Is.EqualTo(new[] { Templates.OsTpl }));
        Assert.That(Ubuntu.IsOrDependsOn(Templates.OsTpl.Id), Is.True);
        Assert.That(Ubuntu.IsOrDependsOn(Templates.ResourceTpl.Id), Is.False);
        Assert.That(Ubuntu.Applies, Is.EqualTo(new[] { Compute.Kind.Id }));
        Assert.That(Ubuntu.Title, Is.EqualTo("Ubuntu 24.04"));
    }

    [Test]
    public void Os_template_location_defaults_below_os_tpl_and_can_be_given()
    {
        Assert.That(Ubuntu.Location, Is.EqualTo("/mixin/os_tpl/ubuntu-24.04/"));
        Assert.That(Templates.OsTemplate("http://p#", "x", "X", "/os/x/").Location, Is.EqualTo("/os/x/"));
    }

    [Test]
    public void Resource_template_depends_on_resource_tpl_and_lives_below_it()
    {
        Assert.That(Small.Depends, Is.EqualTo(new[] { Templates.ResourceTpl }));
        Assert.That(Small.Location, Is.EqualTo("/mixin/resource_tpl/small/"));
        Assert.That(Small.Applies, Is.EqualTo(new[] { Compute.Kind.Id }));
    }

    [Test]
    public void Resource_template_gives_cores_and_memory_defaults()
    {
        Assert.That(Small.Attributes[Compute.Cores]!.Default, Is.EqualTo((AttributeValue)2));
        Assert.That(Small.Attributes[Compute.Memory]!.Default, Is.EqualTo((AttributeValue)4.0));
    }

    [Test]
    public void Creating_a_compute_with_a_resource_template_fills_in_its_size()
    {
        var e = NewCompute(Ubuntu, Small);
        EntityValidator.ValidateCreate(e, Model());
        Assert.That(e.Attributes[Compute.Cores], Is.EqualTo((AttributeValue)2));
        Assert.That(e.Attributes[Compute.Memory], Is.EqualTo((AttributeValue)4.0));
        Assert.That(e.Attributes[Compute.State], Is.EqualTo((AttributeValue)"inactive"));
    }

    [Test]
    public void A_template_applied_to_storage_is_refused()
    {
        var e = new Resource { Kind = Storage.Kind.Id, Id = "s1" };
        e.Attributes[Storage.Size] = 10;
        e.Mixins.Add(Ubuntu.Id);
        Assert.That(() => EntityValidator.ValidateCreate(e, Model()), Throws.TypeOf<OcciException>().With.Message.Contains("does not apply"));
    }

    [Test]
    public void Registering_a_template_brings_its_parent_template_along()
    {
        var snapshot = new CategoryRegistry([Compute.Kind, Ubuntu]).Current;
        Assert.That(snapshot.FindMixin(Templates.OsTpl.Id), Is.SameAs(Templates.OsTpl));
        Assert.That(snapshot.FindByLocation("/mixin/os_tpl/"), Is.SameAs(Templates.OsTpl));
    }
}
