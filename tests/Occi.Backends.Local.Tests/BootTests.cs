using Occi.Core;
using Occi.Core.Model;
using static Occi.Backends.Local.Tests.TestCloud;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;
using StorageKind = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Backends.Local.Tests;

/// <summary>New entities come up by themselves after Occi:Local:ActionDelayMs, as on a real cloud (the clock is the test's).</summary>
public class BootTests : CloudTest
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    private LocalBackend _backend = null!;

    [SetUp]
    public void OpenBackend() => _backend = Cloud.Open(o => o.ActionDelayMs = (int)Delay.TotalMilliseconds);

    [Test]
    public async Task A_new_compute_is_inactive_and_booting_until_the_delay_has_passed_then_active()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        Assert.That((State(compute), Message(compute)), Is.EqualTo(("inactive", "booting")), "the create's answer");
        Cloud.Time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        var during = await Read(_backend, compute);
        Assert.That((State(during), Message(during)), Is.EqualTo(("inactive", "booting")));
        Cloud.Time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await Read(_backend, compute);
        Assert.That((State(after), Message(after)), Is.EqualTo(("active", (string?)null)));
    }

    [Test]
    public async Task Storage_networks_and_links_come_up_after_the_delay_too()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var storage = await _backend.CreateAsync(Caller, Storage(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var nic = await _backend.CreateAsync(Caller, Interface(compute, network), None);
        var disk = await _backend.CreateAsync(Caller, Disk(compute, storage), None);
        Entity[] all = [storage, network, nic, disk];
        Assert.That(all.Select(e => (State(e), Message(e))), Is.EqualTo(new[]
        {
            ("offline", "creating"), ("inactive", "creating"), ("inactive", "attaching"), ("inactive", "attaching"),
        }));
        Cloud.Time.Advance(Delay);
        var read = new List<string?>();
        foreach (var e in all) read.Add(State(await Read(_backend, e)));
        Assert.That(read, Is.EqualTo(new[] { "online", "active", "active", "active" }));
    }

    [Test]
    public async Task Start_on_a_booting_compute_joins_the_boot_and_changes_nothing()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        Cloud.Time.Advance(Delay / 2);
        var answer = await Invoke(_backend, compute, ComputeKind.Start);
        Assert.That((State(answer), Message(answer)), Is.EqualTo(("inactive", "booting")));
        Cloud.Time.Advance(Delay / 2);
        Assert.That(State(await Read(_backend, compute)), Is.EqualTo("active"), "the boot ends when it would have anyway");
    }

    [TestCase("stop")]
    [TestCase("suspend")]
    [TestCase("save")]
    public async Task Other_actions_on_a_booting_compute_are_conflicts_that_say_it_is_booting(string term)
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, compute, ComputeKind.Kind.Actions.Single(a => a.Term == term)))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Is.EqualTo($"action {term} is not allowed while compute {compute.BackendId} is booting"));
        var read = await Read(_backend, compute);
        Assert.That((State(read), Message(read)), Is.EqualTo(("inactive", "booting")), "the boot goes on");
        Assert.That((await _backend.DescribeAsync(None)).Mixins.Any(m => m.Term.StartsWith("image-", StringComparison.Ordinal)), Is.False, "no image saved");
    }

    [Test]
    public async Task Online_on_a_volume_being_created_joins_it_and_resize_waits_for_it()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(10), None);
        Assert.That(State(await Invoke(_backend, storage, StorageKind.Online)), Is.EqualTo("offline"));
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, storage, StorageKind.Resize, new() { ["size"] = 20.0 }))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Cloud.Time.Advance(Delay);
        Assert.That(State(await Read(_backend, storage)), Is.EqualTo("online"));
    }

    [Test]
    public async Task A_booting_compute_can_be_deleted()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        await _backend.DeleteAsync(Caller, Handle(compute), None);
        Assert.That(await _backend.RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task A_boot_under_way_at_a_restart_completes_on_time_after_it()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var restarted = Cloud.Reopen(_backend, o => o.ActionDelayMs = (int)Delay.TotalMilliseconds);
        Assert.That(Message(await Read(restarted, compute)), Is.EqualTo("booting"));
        Cloud.Time.Advance(Delay);
        Assert.That(State(await Read(restarted, compute)), Is.EqualTo("active"));
    }

    [Test]
    public async Task With_BootOnCreate_off_a_compute_stays_inactive_and_the_rest_is_ready_at_once()
    {
        var backend = Cloud.Reopen(_backend, o => { o.ActionDelayMs = (int)Delay.TotalMilliseconds; o.BootOnCreate = false; });
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        var storage = await backend.CreateAsync(Caller, Storage(), None);
        Assert.That((State(compute), Message(compute)), Is.EqualTo(("inactive", (string?)null)));
        Assert.That(State(storage), Is.EqualTo("online"));
        Cloud.Time.Advance(Delay);
        Assert.That(State(await Read(backend, compute)), Is.EqualTo("inactive"), "nothing boots it later either");
    }

    private static string? Message(Entity e) =>
        Infrastructure.States.StateMachines.StateAttributeOf(e.Kind) is { } a ? e.Attributes.GetString(a + ".message") : null;
}
