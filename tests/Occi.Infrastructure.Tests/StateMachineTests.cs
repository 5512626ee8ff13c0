using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.States;

namespace Occi.Infrastructure.Tests;

/// <summary>The state diagrams of GFD.184 §3 (figures for compute, network, storage, links).</summary>
public class StateMachineTests
{
    private static readonly CategoryId Start = Compute.Start.Id, Stop = Compute.Stop.Id,
        Restart = Compute.Restart.Id, Suspend = Compute.Suspend.Id;

    // Compute state diagram.
    [TestCase("inactive", "start", "active")]
    [TestCase("active", "stop", "inactive")]
    [TestCase("active", "restart", "active")]
    [TestCase("active", "suspend", "suspended")]
    [TestCase("suspended", "start", "active")]
    public void Compute_transitions_of_the_spec_diagram_lead_to_the_spec_state(string from, string action, string to) =>
        Assert.That(StateMachines.Next(Compute.Kind.Id, from, ComputeAction(action)), Is.EqualTo(to));

    [TestCase("inactive", "stop")]
    [TestCase("inactive", "restart")]
    [TestCase("inactive", "suspend")]
    [TestCase("active", "start")]
    [TestCase("suspended", "suspend")]
    [TestCase("suspended", "restart")]
    public void Compute_actions_the_diagram_has_no_arrow_for_are_refused(string from, string action) =>
        Assert.That(StateMachines.Next(Compute.Kind.Id, from, ComputeAction(action)), Is.Null);

    [TestCase("offline", "online", "online")]
    [TestCase("online", "offline", "offline")]
    public void Storage_transitions_of_the_spec_diagram_lead_to_the_spec_state(string from, string action, string to) =>
        Assert.That(StateMachines.Next(Storage.Kind.Id, from, StorageAction(action)), Is.EqualTo(to));

    [TestCase("online", "online")]
    [TestCase("offline", "offline")]
    [TestCase("offline", "backup")]
    [TestCase("offline", "snapshot")]
    public void Storage_actions_without_an_arrow_are_refused(string from, string action) =>
        Assert.That(StateMachines.Next(Storage.Kind.Id, from, StorageAction(action)), Is.Null);

    [Test]
    public void Network_up_activates_and_down_deactivates()
    {
        Assert.That(StateMachines.Next(Network.Kind.Id, "inactive", Network.Up.Id), Is.EqualTo("active"));
        Assert.That(StateMachines.Next(Network.Kind.Id, "active", Network.Down.Id), Is.EqualTo("inactive"));
    }

    [Test]
    public void Network_up_when_active_and_down_when_inactive_are_refused()
    {
        Assert.That(StateMachines.Next(Network.Kind.Id, "active", Network.Up.Id), Is.Null);
        Assert.That(StateMachines.Next(Network.Kind.Id, "inactive", Network.Down.Id), Is.Null);
    }

    [Test]
    public void An_action_of_another_kind_leads_nowhere()
    {
        Assert.That(StateMachines.Next(Storage.Kind.Id, "inactive", Start), Is.Null);
        Assert.That(StateMachines.Next(Compute.Kind.Id, "inactive", Network.Up.Id), Is.Null);
    }

    [Test]
    public void Every_transition_is_between_states_of_the_kinds_state_attribute_by_one_of_its_actions()
    {
        foreach (var t in StateMachines.Transitions)
        {
            var kind = InfrastructureModel.Kinds.Single(k => k.Id == t.Kind);
            var states = kind.Attributes[StateMachines.StateAttributeOf(t.Kind)!]!.EnumValues;
            Assert.That(states, Does.Contain(t.From).And.Contain(t.To), t.ToString());
            Assert.That(kind.Actions.Select(a => a.Id), Does.Contain(t.Action), t.ToString());
        }
    }

    [Test]
    public void Transitions_are_unique_per_kind_state_and_action() =>
        Assert.That(StateMachines.Transitions.Select(t => (t.Kind, t.From, t.Action)), Is.Unique);

    [Test]
    public void Active_compute_may_stop_restart_and_suspend_but_not_start()
    {
        var allowed = StateMachines.AllowedActions(Compute.Kind, "active").ToList();
        Assert.That(allowed, Is.SupersetOf(new[] { Stop, Restart, Suspend }));
        Assert.That(allowed, Does.Not.Contain(Start));
    }

    [Test]
    public void Inactive_compute_may_start_but_not_stop_restart_or_suspend()
    {
        var allowed = StateMachines.AllowedActions(Compute.Kind, "inactive").ToList();
        Assert.That(allowed, Does.Contain(Start));
        Assert.That(allowed, Does.Not.Contain(Stop).And.Not.Contain(Restart).And.Not.Contain(Suspend));
    }

    [Test]
    public void Suspended_compute_may_start_but_not_suspend_or_restart()
    {
        var allowed = StateMachines.AllowedActions(Compute.Kind, "suspended").ToList();
        Assert.That(allowed, Does.Contain(Start));
        Assert.That(allowed, Does.Not.Contain(Suspend).And.Not.Contain(Restart));
    }

    [Test]
    public void Allowed_actions_follow_the_order_the_kind_lists_them()
    {
        var allowed = StateMachines.AllowedActions(Compute.Kind, "active").ToList();
        var order = Compute.Kind.Actions.Select(a => a.Id).Where(allowed.Contains).ToList();
        Assert.That(allowed, Is.EqualTo(order));
    }

    [Test]
    public void Online_storage_may_go_offline_and_offline_storage_online()
    {
        Assert.That(StateMachines.AllowedActions(Storage.Kind, "online"), Does.Contain(Storage.Offline.Id).And.Not.Contain(Storage.Online.Id));
        Assert.That(StateMachines.AllowedActions(Storage.Kind, "offline"), Does.Contain(Storage.Online.Id).And.Not.Contain(Storage.Offline.Id));
    }

    [Test]
    public void Network_allows_exactly_the_one_action_that_changes_its_state()
    {
        Assert.That(StateMachines.AllowedActions(Network.Kind, "active"), Is.EqualTo(new[] { Network.Down.Id }));
        Assert.That(StateMachines.AllowedActions(Network.Kind, "inactive"), Is.EqualTo(new[] { Network.Up.Id }));
    }

    [Test]
    public void Without_a_known_state_no_governed_action_is_allowed() =>
        Assert.That(StateMachines.AllowedActions(Compute.Kind, null), Is.Empty);

    [Test]
    public void Actions_no_state_machine_governs_are_always_allowed()
    {
        var ping = new OcciAction("http://example.org/action#", "ping");
        var kind = new Kind("http://example.org/occi#", "gadget", parent: Occi.Core.Model.CoreCategories.Resource, location: "/gadget/", actions: [ping]);
        Assert.That(StateMachines.AllowedActions(kind, "whatever"), Is.EqualTo(new[] { ping.Id }));
        Assert.That(StateMachines.AllowedActions(kind, null), Is.EqualTo(new[] { ping.Id }));
    }

    [Test]
    public void Governs_is_true_for_a_kinds_own_state_changing_actions_only()
    {
        Assert.That(StateMachines.Governs(Compute.Kind.Id, Start), Is.True);
        Assert.That(StateMachines.Governs(Storage.Kind.Id, Storage.Online.Id), Is.True);
        Assert.That(StateMachines.Governs(Network.Kind.Id, Network.Down.Id), Is.True);
        Assert.That(StateMachines.Governs(Compute.Kind.Id, Network.Up.Id), Is.False);
        Assert.That(StateMachines.Governs(NetworkInterface.Kind.Id, Start), Is.False);
    }

    [Test]
    public void State_attribute_of_every_infrastructure_kind_is_its_occi_state()
    {
        Assert.That(StateMachines.StateAttributeOf(Compute.Kind.Id), Is.EqualTo("occi.compute.state"));
        Assert.That(StateMachines.StateAttributeOf(Storage.Kind.Id), Is.EqualTo("occi.storage.state"));
        Assert.That(StateMachines.StateAttributeOf(Network.Kind.Id), Is.EqualTo("occi.network.state"));
        Assert.That(StateMachines.StateAttributeOf(NetworkInterface.Kind.Id), Is.EqualTo("occi.networkinterface.state"));
        Assert.That(StateMachines.StateAttributeOf(StorageLink.Kind.Id), Is.EqualTo("occi.storagelink.state"));
    }

    [Test]
    public void Kinds_without_a_state_have_no_state_attribute() =>
        Assert.That(StateMachines.StateAttributeOf(Occi.Core.Model.CoreCategories.Resource.Id), Is.Null);

    private static CategoryId ComputeAction(string term) => Compute.Kind.Actions.Single(a => a.Term == term).Id;
    private static CategoryId StorageAction(string term) => Storage.Kind.Actions.Single(a => a.Term == term).Id;
}
