using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Validation;

namespace Occi.Core.Tests;

public class EntityValidatorCreateTests
{
    private static OcciException Refused(Entity e) =>
        Assert.Throws<OcciException>(() => EntityValidator.ValidateCreate(e, TestModel.Snapshot()))!;

    [Test]
    public void A_well_formed_resource_is_accepted() =>
        Assert.That(() => EntityValidator.ValidateCreate(TestModel.NewMachine(("example.machine.cores", 2)), TestModel.Snapshot()), Throws.Nothing);

    [Test]
    public void Unknown_kind_is_a_bad_request_naming_it()
    {
        var e = TestModel.NewMachine();
        e.Kind = CategoryId.Parse("http://example.org/occi#toaster");
        var error = Refused(e);
        Assert.That(error.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
        Assert.That(error.Message, Does.Contain("http://example.org/occi#toaster"));
    }

    [Test]
    public void Entity_without_kind_is_refused() =>
        Assert.That(Refused(new Resource()).Message, Does.Contain("no kind"));

    [Test]
    public void A_mixin_given_as_kind_is_refused() =>
        Assert.That(Refused(new Resource { Kind = TestModel.Tag.Id }).Message, Does.Contain("not a kind"));

    [Test]
    public void Abstract_kind_is_refused()
    {
        Assert.That(Refused(new Resource { Kind = TestModel.AbstractDevice.Id }).Message, Does.Contain("abstract"));
        Assert.That(Refused(new Resource { Kind = CoreCategories.Entity.Id }).Message, Does.Contain("abstract"));
    }

    [Test]
    public void Unknown_mixin_is_refused()
    {
        var e = TestModel.NewMachine();
        e.Mixins.Add(CategoryId.Parse("http://example.org/tags#nope"));
        Assert.That(Refused(e).Message, Does.Contain("http://example.org/tags#nope").And.Contain("not known"));
    }

    [Test]
    public void A_kind_given_as_mixin_is_refused()
    {
        var e = TestModel.NewMachine();
        e.Mixins.Add(TestModel.Wire.Id);
        Assert.That(Refused(e).Message, Does.Contain("not a mixin"));
    }

    [Test]
    public void Mixin_that_does_not_apply_to_the_kind_is_refused()
    {
        var e = TestModel.NewMachine();
        e.Mixins.Add(TestModel.WireOnly.Id);
        Assert.That(Refused(e).Message, Does.Contain("does not apply"));
    }

    [Test]
    public void Attribute_no_category_defines_is_refused() =>
        Assert.That(Refused(TestModel.NewMachine(("example.unknown", 1))).Message, Does.Contain("'example.unknown'"));

    [Test]
    public void Attribute_of_a_mixin_the_entity_does_not_have_is_refused() =>
        Assert.That(Refused(TestModel.NewMachine(("example.label", "x"))).Message, Does.Contain("'example.label'"));

    [Test]
    public void Attribute_of_a_mixin_the_entity_has_is_accepted()
    {
        var e = TestModel.NewMachine(("example.label", "x"));
        e.Mixins.Add(TestModel.Labelled.Id);
        Assert.That(() => EntityValidator.ValidateCreate(e, TestModel.Snapshot()), Throws.Nothing);
    }

    [Test]
    public void Inherited_core_attributes_are_accepted()
    {
        var e = TestModel.NewMachine(("occi.core.title", "web"), ("occi.core.summary", "front end"));
        Assert.That(() => EntityValidator.ValidateCreate(e, TestModel.Snapshot()), Throws.Nothing);
    }

    [Test]
    public void Wrong_type_is_refused_naming_the_attribute() =>
        Assert.That(Refused(TestModel.NewMachine(("example.machine.cores", "two"))).Message,
            Does.Contain("'example.machine.cores'").And.Contain("integer"));

    [Test]
    public void Enum_value_outside_its_list_is_refused() =>
        Assert.That(Refused(TestModel.NewMachine(("example.machine.state", "exploded"))).Message, Does.Contain("on, off"));

    [Test]
    public void Missing_required_attribute_is_refused_naming_it_and_its_owner()
    {
        var e = TestModel.NewMachine();
        e.Attributes.Remove("example.machine.owner");
        Assert.That(Refused(e).Message, Does.Contain("'example.machine.owner'").And.Contain("http://example.org/occi#machine"));
    }

    [Test]
    public void Defaults_of_absent_attributes_are_filled_in()
    {
        var e = TestModel.NewMachine();
        e.Mixins.Add(TestModel.Small.Id);
        EntityValidator.ValidateCreate(e, TestModel.Snapshot());
        Assert.That(e.Attributes["example.machine.state"], Is.EqualTo((AttributeValue)"off"));
        Assert.That(e.Attributes["example.machine.size"], Is.EqualTo((AttributeValue)"s"));
    }

    [Test]
    public void A_given_value_is_not_replaced_by_the_default()
    {
        var e = TestModel.NewMachine(("example.machine.state", "on"));
        EntityValidator.ValidateCreate(e, TestModel.Snapshot());
        Assert.That(e.Attributes["example.machine.state"], Is.EqualTo((AttributeValue)"on"));
    }

    [Test]
    public void A_resource_of_a_link_kind_is_refused() =>
        Assert.That(Refused(new Resource { Kind = TestModel.Wire.Id }).Message, Does.Contain("is a link kind"));

    [Test]
    public void A_link_of_a_resource_kind_is_refused() =>
        Assert.That(Refused(new Link { Kind = TestModel.Machine.Id, Source = "/a", Target = "/b" }).Message, Does.Contain("not a link kind"));

    [Test]
    public void A_well_formed_link_is_accepted() =>
        Assert.That(() => EntityValidator.ValidateCreate(TestModel.NewWire(), TestModel.Snapshot()), Throws.Nothing);

    [Test]
    public void Link_without_source_is_refused() =>
        Assert.That(Refused(TestModel.NewWire(source: "")).Message, Does.Contain("occi.core.source"));

    [Test]
    public void Link_without_target_is_refused() =>
        Assert.That(Refused(TestModel.NewWire(target: "")).Message, Does.Contain("occi.core.target"));
}

public class EntityValidatorDefaultTests
{
    private static readonly Mixin Preset = new("http://example.org/templates#", "preset", location: "/mixin/preset/",
        applies: [TestModel.Machine.Id],
        attributes: [new AttributeDefinition("example.machine.cores", AttributeType.Integer, @default: 4),
                     new AttributeDefinition("example.machine.state", AttributeType.Enum, enumValues: ["on", "off"], @default: "on")]);

    private static Resource Create(params Mixin[] mixins)
    {
        var registry = TestModel.Registry();
        registry.Add(Preset);
        var e = TestModel.NewMachine();
        e.Mixins.AddRange(mixins.Select(m => m.Id));
        EntityValidator.ValidateCreate(e, registry.Current);
        return e;
    }

    // GFD.184 §3.5: a resource template presets attributes the kind defines.
    [Test]
    public void A_mixin_default_fills_an_attribute_the_kind_defines_without_one() =>
        Assert.That(Create(Preset).Attributes["example.machine.cores"], Is.EqualTo((AttributeValue)4));

    [Test]
    public void A_mixin_default_outranks_the_kind_default() =>
        Assert.That(Create(Preset).Attributes["example.machine.state"], Is.EqualTo((AttributeValue)"on"));

    // The definitions and defaults of a kind with a mixin list are worked out once per snapshot: each list keeps its own.
    [Test]
    public void Entities_of_one_snapshot_get_the_defaults_of_their_own_mixins_in_their_order()
    {
        var off = new Mixin("http://example.org/templates#", "off", location: "/mixin/off/", applies: [TestModel.Machine.Id],
            attributes: [new AttributeDefinition("example.machine.state", AttributeType.Enum, enumValues: ["on", "off"], @default: "off")]);
        var registry = TestModel.Registry();
        registry.Add(Preset);
        registry.Add(off);
        var model = registry.Current;
        AttributeValue StateOf(params Mixin[] mixins)
        {
            var e = TestModel.NewMachine();
            e.Attributes.Remove("example.machine.state");
            e.Mixins.AddRange(mixins.Select(m => m.Id));
            EntityValidator.ValidateCreate(e, model);
            return e.Attributes["example.machine.state"];
        }
        string[] states = [.. new[] { StateOf(Preset, off), StateOf(off, Preset), StateOf(Preset), StateOf(), StateOf(Preset, off) }.Select(v => v.AsString)];
        Assert.That(states, Is.EqualTo(new[] { "on", "off", "on", "off", "on" }));
    }

    [Test]
    public void Without_the_mixin_the_kind_default_applies_and_nothing_else_is_filled()
    {
        var e = Create();
        Assert.That(e.Attributes["example.machine.state"], Is.EqualTo((AttributeValue)"off"));
        Assert.That(e.Attributes.Contains("example.machine.cores"), Is.False);
    }
}
