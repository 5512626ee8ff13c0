using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Validation;

namespace Occi.Core.Tests;

public class EntityValidatorActionTests
{
    private static ActionInvocation Stop(params (string Name, AttributeValue Value)[] attributes)
    {
        var bag = new AttributeBag();
        foreach (var (n, v) in attributes) bag[n] = v;
        return new ActionInvocation(TestModel.Stop.Id, bag);
    }

    [Test]
    public void Invocation_with_defined_values_is_accepted() =>
        Assert.That(() => EntityValidator.ValidateAction(TestModel.Stop, Stop(("method", "graceful"), ("reason", "maintenance"))), Throws.Nothing);

    [Test]
    public void Unknown_attribute_is_refused() =>
        Assert.That(() => EntityValidator.ValidateAction(TestModel.Stop, Stop(("reason", "x"), ("force", true))),
            Throws.TypeOf<OcciException>().With.Message.Contains("'force'").And.Message.Contains(TestModel.Stop.Id.Identity));

    [Test]
    public void Enum_value_outside_its_list_is_refused() =>
        Assert.That(() => EntityValidator.ValidateAction(TestModel.Stop, Stop(("method", "yank"), ("reason", "x"))),
            Throws.TypeOf<OcciException>().With.Message.Contains("graceful, poweroff"));

    [Test]
    public void Missing_required_attribute_is_refused() =>
        Assert.That(() => EntityValidator.ValidateAction(TestModel.Stop, Stop(("method", "graceful"))),
            Throws.TypeOf<OcciException>().With.Message.Contains("'reason'").And.Message.Contains("required"));

    [Test]
    public void Action_without_attributes_accepts_an_empty_invocation() =>
        Assert.That(() => EntityValidator.ValidateAction(TestModel.Start, new ActionInvocation(TestModel.Start.Id)), Throws.Nothing);
}
