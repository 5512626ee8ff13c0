using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Validation;

namespace Occi.Core.Tests;

public class EntityValidatorUpdateTests
{
    private static Resource Current()
    {
        var e = TestModel.NewMachine(("example.machine.serial", "SN-1"), ("example.machine.cores", 2));
        EntityValidator.ValidateCreate(e, TestModel.Snapshot());
        return e;
    }

    private static Resource Update(params (string Name, AttributeValue Value)[] attributes)
    {
        var u = new Resource { Kind = TestModel.Machine.Id };
        foreach (var (n, v) in attributes) u.Attributes[n] = v;
        return u;
    }

    [Test]
    public void Changing_a_mutable_attribute_is_accepted() =>
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), Update(("example.machine.cores", 4)), TestModel.Snapshot()), Throws.Nothing);

    [TestCase(double.NegativeInfinity)]
    [TestCase(double.PositiveInfinity)]
    public void A_number_that_is_not_finite_is_refused_naming_the_attribute(double value) =>
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), Update(("example.machine.memory", value)), TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("example.machine.memory").And.Message.Contains("finite"));

    [Test]
    public void Changing_an_immutable_attribute_is_refused() =>
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), Update(("example.machine.serial", "SN-2")), TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("immutable"));

    [Test]
    public void Setting_an_absent_immutable_attribute_is_refused()
    {
        var current = Current();
        current.Attributes.Remove("example.machine.serial");
        Assert.That(() => EntityValidator.ValidateUpdate(current, Update(("example.machine.serial", "SN-1")), TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("immutable"));
    }

    [Test]
    public void Repeating_an_immutable_attribute_unchanged_is_accepted() =>
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), Update(("example.machine.serial", "SN-1"), ("example.machine.state", "off")), TestModel.Snapshot()),
            Throws.Nothing);

    [Test]
    public void Changing_the_kind_is_refused()
    {
        var u = Update();
        u.Kind = TestModel.AbstractDevice.Id;
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), u, TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("kind of an entity cannot change"));
    }

    [Test]
    public void An_update_without_kind_keeps_the_current_kind()
    {
        var u = new Resource();
        u.Attributes["example.machine.cores"] = 8;
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), u, TestModel.Snapshot()), Throws.Nothing);
    }

    [Test]
    public void Attributes_of_a_mixin_added_by_the_update_are_accepted()
    {
        var u = Update(("example.label", "prod"));
        u.Mixins.Add(TestModel.Labelled.Id);
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), u, TestModel.Snapshot()), Throws.Nothing);
    }

    [Test]
    public void Attributes_of_a_mixin_neither_has_are_refused() =>
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), Update(("example.label", "prod")), TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("'example.label'"));

    [Test]
    public void Adding_a_mixin_that_does_not_apply_is_refused()
    {
        var u = Update();
        u.Mixins.Add(TestModel.WireOnly.Id);
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), u, TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("does not apply"));
    }

    [Test]
    public void Wrong_type_in_an_update_is_refused() =>
        Assert.That(() => EntityValidator.ValidateUpdate(Current(), Update(("example.machine.memory", true)), TestModel.Snapshot()),
            Throws.TypeOf<OcciException>().With.Message.Contains("a number"));
}
