using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Infrastructure.Tests;

/// <summary>The actions of GFD.184 tables 3, 5, 7 and GFD.224's save.</summary>
public class ActionTableTests
{
    private const string ComputeAction = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
    private const string NetworkAction = "http://schemas.ogf.org/occi/infrastructure/network/action#";
    private const string StorageAction = "http://schemas.ogf.org/occi/infrastructure/storage/action#";

    private static OcciAction ActionOf(Kind kind, string term) => kind.Actions.Single(a => a.Term == term);

    [Test]
    public void Compute_defines_start_stop_restart_suspend_and_save_in_the_compute_action_scheme()
    {
        Assert.That(Compute.Kind.Actions.Select(a => a.Term), Is.EquivalentTo(new[] { "start", "stop", "restart", "suspend", "save" }));
        Assert.That(Compute.Kind.Actions.Select(a => a.Scheme), Is.All.EqualTo(ComputeAction));
    }

    [Test]
    public void Compute_start_takes_no_attributes() =>
        Assert.That(ActionOf(Compute.Kind, "start").Attributes, Is.Empty);

    [TestCase("stop", new[] { "graceful", "acpioff", "poweroff" })]
    [TestCase("restart", new[] { "graceful", "warm", "cold" })]
    [TestCase("suspend", new[] { "hibernate", "suspend" })]
    [TestCase("save", new[] { "hot", "deferred" })]
    public void Compute_action_method_is_an_optional_enum_of_the_spec_values(string term, string[] methods)
    {
        var method = ActionOf(Compute.Kind, term).Attributes["method"];
        Assert.That(method, Is.Not.Null);
        Assert.That(method!.Type, Is.EqualTo(AttributeType.Enum));
        Assert.That(method.EnumValues, Is.EquivalentTo(methods));
        Assert.That(method.Required, Is.False);
    }

    [Test]
    public void Compute_save_takes_a_method_and_a_name_string()
    {
        var save = ActionOf(Compute.Kind, "save");
        Assert.That(save.Attributes.Select(a => a.Name), Is.EquivalentTo(new[] { "method", "name" }));
        Assert.That(save.Attributes["name"]!.Type, Is.EqualTo(AttributeType.String));
    }

    [Test]
    public void Network_defines_up_and_down_without_attributes()
    {
        Assert.That(Network.Kind.Actions.Select(a => a.Term), Is.EquivalentTo(new[] { "up", "down" }));
        Assert.That(Network.Kind.Actions.Select(a => a.Scheme), Is.All.EqualTo(NetworkAction));
        Assert.That(Network.Kind.Actions.SelectMany(a => a.Attributes), Is.Empty);
    }

    [Test]
    public void Storage_defines_online_and_offline_in_the_storage_action_scheme()
    {
        Assert.That(Storage.Kind.Actions.Select(a => a.Term), Is.SupersetOf(new[] { "online", "offline" }));
        Assert.That(Storage.Kind.Actions.Select(a => a.Scheme), Is.All.EqualTo(StorageAction));
        Assert.That(ActionOf(Storage.Kind, "online").Attributes, Is.Empty);
        Assert.That(ActionOf(Storage.Kind, "offline").Attributes, Is.Empty);
    }

    // GFD.184 (1.1) storage actions: resize carries the new size as a float.
    [Test]
    public void Storage_resize_requires_a_numeric_size()
    {
        var size = ActionOf(Storage.Kind, "resize").Attributes["size"];
        Assert.That(size?.Type, Is.EqualTo(AttributeType.Number));
        Assert.That(size?.Required, Is.True);
    }

    [Test]
    public void Link_kinds_define_no_actions()
    {
        Assert.That(NetworkInterface.Kind.Actions, Is.Empty);
        Assert.That(StorageLink.Kind.Actions, Is.Empty);
    }

    [Test]
    public void Action_identities_are_unique_across_kinds()
    {
        var ids = InfrastructureModel.Kinds.SelectMany(k => k.Actions).Select(a => a.Id).ToList();
        Assert.That(ids, Is.Unique);
    }
}
