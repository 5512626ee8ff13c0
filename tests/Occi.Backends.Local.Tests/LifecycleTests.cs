using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.States;
using static Occi.Backends.Local.Tests.TestCloud;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;

namespace Occi.Backends.Local.Tests;

public class LifecycleTests : CloudTest
{
    private LocalBackend _backend = null!;

    [SetUp]
    public void OpenBackend() => _backend = Cloud.Open();

    [TestCase("compute", "active")]
    [TestCase("storage", "online")]
    [TestCase("network", "active")]
    public async Task A_created_resource_comes_up_by_itself_without_a_delay(string term, string state)
    {
        var created = await _backend.CreateAsync(Caller, Of(new CategoryId("http://schemas.ogf.org/occi/infrastructure#", term)), None);
        Assert.That(State(created), Is.EqualTo(state));
        Assert.That(State(await Read(_backend, created)), Is.EqualTo(state));
    }

    [Test]
    public async Task Created_links_are_active()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var storage = await _backend.CreateAsync(Caller, Storage(), None);
        var nic = await _backend.CreateAsync(Caller, Interface(compute, network), None);
        var disk = await _backend.CreateAsync(Caller, Disk(compute, storage), None);
        Assert.That(State(await Read(_backend, nic)), Is.EqualTo("active"));
        Assert.That(State(await Read(_backend, disk)), Is.EqualTo("active"));
    }

    [Test]
    public async Task Create_uses_the_entity_id_as_backend_id_when_given()
    {
        var r = Compute();
        r.Id = "7f3c0000-0000-4000-8000-000000000001";
        var created = await _backend.CreateAsync(Caller, r, None);
        Assert.That(created.BackendId, Is.EqualTo(r.Id));
    }

    [Test]
    public async Task Create_without_id_gets_a_new_guid()
    {
        var created = await _backend.CreateAsync(Caller, Compute(), None);
        Assert.That(Guid.TryParse(created.BackendId, out _), Is.True, created.BackendId);
    }

    [Test]
    public async Task Creating_an_id_that_exists_is_a_conflict()
    {
        var r = Compute();
        r.Id = "same";
        await _backend.CreateAsync(Caller, r, None);
        var again = Compute();
        again.Id = "same";
        var e = Assert.ThrowsAsync<OcciException>(() => _backend.CreateAsync(Caller, again, None))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task The_state_the_client_sent_is_replaced_by_theClouds()
    {
        var r = Compute();
        r.Attributes[Infrastructure.Kinds.Compute.State] = "suspended";
        var created = await _backend.CreateAsync(Caller, r, None);
        Assert.That(State(created), Is.EqualTo("active"));
    }

    /// <summary>Every transition of the state machines whose starting state the simulator can reach.</summary>
    private static IEnumerable<TestCaseData> ReachableTransitions() =>
        StateMachines.Transitions.Where(t => t.From != "error")
            .Select(t => new TestCaseData(t.Kind.Term, t.From, t.Action.Term, t.To).SetName($"{t.Kind.Term}_{t.From}_{t.Action.Term}_leads_to_{t.To}"));

    [TestCaseSource(nameof(ReachableTransitions))]
    public async Task Every_allowed_action_leads_to_the_state_the_state_machine_names(string kind, string from, string action, string to)
    {
        var entity = await InState(kind, from);
        var after = await Invoke(_backend, entity, ActionOf(kind, action), action == "resize" ? SizeOf(20) : null);
        Assert.That(State(after), Is.EqualTo(to));
        Assert.That(State(await Read(_backend, entity)), Is.EqualTo(to), "a later read agrees");
    }

    [TestCase("compute", "inactive", "stop")]
    [TestCase("compute", "inactive", "suspend")]
    [TestCase("compute", "suspended", "restart")]
    [TestCase("storage", "online", "online")]
    [TestCase("storage", "offline", "backup")]
    [TestCase("network", "active", "up")]
    [TestCase("network", "inactive", "down")]
    public async Task An_action_the_state_forbids_is_a_conflict_naming_action_and_state(string kind, string state, string action)
    {
        var entity = await InState(kind, state);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, entity, ActionOf(kind, action), null))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Is.EqualTo($"action {action} is not allowed in state {state}"));
        Assert.That(State(await Read(_backend, entity)), Is.EqualTo(state), "the state is left alone");
    }

    [Test]
    public async Task An_action_of_another_kind_is_a_bad_request()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(), None);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, storage, Infrastructure.Kinds.Compute.Start))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
    }

    [Test]
    public async Task Resize_changes_the_storage_size()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(10), None);
        await Invoke(_backend, storage, Infrastructure.Kinds.Storage.Resize, SizeOf(25.5));
        var read = await Read(_backend, storage);
        Assert.That(read.Attributes[Infrastructure.Kinds.Storage.Size].AsNumber, Is.EqualTo(25.5));
    }

    [Test]
    public async Task Resize_to_a_smaller_size_is_a_conflict()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(10), None);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, storage, Infrastructure.Kinds.Storage.Resize, SizeOf(5)))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That((await Read(_backend, storage)).Attributes[Infrastructure.Kinds.Storage.Size].AsNumber, Is.EqualTo(10));
    }

    [Test]
    public async Task Resize_without_a_size_is_a_bad_request()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(10), None);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, storage, Infrastructure.Kinds.Storage.Resize))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
    }

    [Test]
    public async Task Update_changes_mutable_attributes_but_never_the_state()
    {
        var created = await _backend.CreateAsync(Caller, Compute(), None);
        var update = Handle(created);
        update.Attributes[Infrastructure.Kinds.Compute.Hostname] = "web-1";
        update.Attributes[Infrastructure.Kinds.Compute.State] = "suspended";
        await _backend.UpdateAsync(Caller, update, None);
        var read = await Read(_backend, created);
        Assert.That(read.Attributes.GetString(Infrastructure.Kinds.Compute.Hostname), Is.EqualTo("web-1"));
        Assert.That(State(read), Is.EqualTo("active"));
    }

    [Test]
    public async Task An_update_that_leaves_out_what_theCloud_chose_keeps_it()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var nic = await _backend.CreateAsync(Caller, Interface(compute, network), None);
        var update = Handle(nic);
        update.Attributes[NetworkInterface.StateMessage] = "ignored";
        await _backend.UpdateAsync(Caller, update, None);
        var read = await Read(_backend, nic);
        Assert.That(read.Attributes.GetString(NetworkInterface.Mac), Is.EqualTo(nic.Attributes.GetString(NetworkInterface.Mac)));
        Assert.That(read.Attributes.Contains(NetworkInterface.StateMessage), Is.False);
    }

    [Test]
    public async Task Core_attributes_are_left_to_the_server()
    {
        var r = Compute();
        r.Title = "my vm";
        var created = await _backend.CreateAsync(Caller, r, None);
        Assert.That((await Read(_backend, created)).Title, Is.Null);
    }

    [Test]
    public async Task Deleting_a_compute_removes_it()
    {
        var created = await _backend.CreateAsync(Caller, Compute(), None);
        await _backend.DeleteAsync(Caller, Handle(created), None);
        Assert.That(await _backend.RefreshAsync(Caller, Handle(created), ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task Deleting_a_compute_detaches_its_links()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var storage = await _backend.CreateAsync(Caller, Storage(), None);
        var disk = await _backend.CreateAsync(Caller, Disk(compute, storage), None);
        await _backend.DeleteAsync(Caller, Handle(compute), None);
        Assert.That(await _backend.RefreshAsync(Caller, Handle(disk), ReadFreshness.Live, None), Is.False);
        Assert.That(await _backend.RefreshAsync(Caller, Handle(storage), ReadFreshness.Live, None), Is.True, "the volume itself stays");
    }

    private async Task<Entity> InState(string kind, string state)
    {
        var e = await _backend.CreateAsync(Caller, Of(new CategoryId("http://schemas.ogf.org/occi/infrastructure#", kind)), None);
        var path = (kind, state) switch
        {
            ("compute", "active") or ("storage", "online") or ("network", "active") => [],
            ("compute", "inactive") => new[] { Infrastructure.Kinds.Compute.Stop },
            ("compute", "suspended") => [Infrastructure.Kinds.Compute.Suspend],
            ("storage", "offline") => [Infrastructure.Kinds.Storage.Offline],
            ("network", "inactive") => [Infrastructure.Kinds.Network.Down],
            _ => throw new ArgumentException($"no path to {kind} {state}"),
        };
        foreach (var a in path) await Invoke(_backend, e, a);
        Assert.That(State(await Read(_backend, e)), Is.EqualTo(state), "set-up reached the state");
        return e;
    }

    private static OcciAction ActionOf(string kind, string action)
    {
        var k = kind switch { "compute" => Infrastructure.Kinds.Compute.Kind, "storage" => Infrastructure.Kinds.Storage.Kind, _ => Infrastructure.Kinds.Network.Kind };
        return k.Actions.Single(a => a.Term == action);
    }

    private static AttributeBag SizeOf(double gb) => new() { ["size"] = gb };
}
