using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Core;
using static Occi.Backends.Local.Tests.TestCloud;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;

namespace Occi.Backends.Local.Tests;

public class DelayedTransitionTests : CloudTest
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private LocalBackend _backend = null!;

    [SetUp]
    public void OpenBackend() => _backend = Cloud.Open(o => o.ActionDelayMs = (int)Delay.TotalMilliseconds);

    [Test]
    public async Task Before_the_delay_a_starting_compute_is_still_inactive_and_says_starting()
    {
        var compute = await StoppedCompute();
        var answer = await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Start);
        Assert.That(State(answer), Is.EqualTo("inactive"));
        Cloud.Time.Advance(Delay - TimeSpan.FromMilliseconds(1));
        var read = await Read(_backend, compute);
        Assert.That(State(read), Is.EqualTo("inactive"));
        Assert.That(read.Attributes.GetString(Infrastructure.Kinds.Compute.StateMessage), Is.EqualTo("starting"));
    }

    [Test]
    public async Task Once_the_delay_has_passed_the_compute_is_active_without_a_message()
    {
        var compute = await StoppedCompute();
        await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Start);
        Cloud.Time.Advance(Delay);
        var read = await Read(_backend, compute);
        Assert.That(State(read), Is.EqualTo("active"));
        Assert.That(read.Attributes.Contains(Infrastructure.Kinds.Compute.StateMessage), Is.False);
    }

    [Test]
    public async Task A_refresh_of_an_entity_that_showed_the_message_drops_it_when_done()
    {
        var compute = await StoppedCompute();
        var held = await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Start); // carries "starting"
        Cloud.Time.Advance(Delay);
        await _backend.RefreshAsync(Caller, held, ReadFreshness.Live, None);
        Assert.That(held.Attributes.Contains(Infrastructure.Kinds.Compute.StateMessage), Is.False);
    }

    [Test]
    public async Task Another_action_while_one_is_in_progress_is_a_conflict()
    {
        var compute = await StoppedCompute();
        await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Start);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, compute, Infrastructure.Kinds.Compute.Stop))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain("start is in progress"));
    }

    [Test]
    public async Task The_next_action_is_accepted_once_the_first_completed()
    {
        var compute = await StoppedCompute();
        await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Start);
        Cloud.Time.Advance(Delay);
        await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Stop);
        Cloud.Time.Advance(Delay);
        Assert.That(State(await Read(_backend, compute)), Is.EqualTo("inactive"));
    }

    [Test]
    public async Task A_delayed_resize_changes_the_size_only_when_done()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(10), None);
        Cloud.Time.Advance(Delay); // the volume is ready
        await Invoke(_backend, storage, Infrastructure.Kinds.Storage.Resize, new() { ["size"] = 40.0 });
        var during = await Read(_backend, storage);
        Assert.That(during.Attributes[Infrastructure.Kinds.Storage.Size].AsNumber, Is.EqualTo(10));
        Assert.That(during.Attributes.GetString(Infrastructure.Kinds.Storage.StateMessage), Is.EqualTo("resizing"));
        Cloud.Time.Advance(Delay);
        Assert.That((await Read(_backend, storage)).Attributes[Infrastructure.Kinds.Storage.Size].AsNumber, Is.EqualTo(40));
    }

    [Test]
    public async Task A_transition_under_way_at_a_restart_completes_on_time_after_it()
    {
        var compute = await StoppedCompute();
        await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Start);
        var restarted = Cloud.Reopen(_backend, o => o.ActionDelayMs = (int)Delay.TotalMilliseconds);
        Assert.That((await Read(restarted, compute)).Attributes.GetString(Infrastructure.Kinds.Compute.StateMessage), Is.EqualTo("starting"));
        Cloud.Time.Advance(Delay);
        Assert.That(State(await Read(restarted, compute)), Is.EqualTo("active"));
    }

    [Test]
    public async Task Registered_in_a_container_a_delayed_start_completes_after_the_delay_on_the_containers_clock()
    {
        using var cloud = new TestCloud(); // a folder of its own: the fixture's backend holds Cloud's
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Occi:DataPath"] = cloud.Folder, ["Occi:Local:ActionDelayMs"] = "150", ["Occi:Local:BootOnCreate"] = "false",
        }).Build();
        var clock = new FakeTimeProvider();
        using var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddLocalBackend(config).BuildServiceProvider();
        var backend = services.GetRequiredService<LocalBackend>();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        var answer = await Invoke(backend, compute, Infrastructure.Kinds.Compute.Start);
        Assert.That(answer.Attributes.GetString(Infrastructure.Kinds.Compute.StateMessage), Is.EqualTo("starting"));
        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.That(State(await Read(backend, compute)), Is.EqualTo("active"));
    }

    /// <summary>A compute that booted and was then stopped: where a start begins.</summary>
    private async Task<Core.Model.Entity> StoppedCompute()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        Cloud.Time.Advance(Delay);
        await Invoke(_backend, compute, Infrastructure.Kinds.Compute.Stop);
        Cloud.Time.Advance(Delay);
        Assert.That(State(await Read(_backend, compute)), Is.EqualTo("inactive"), "set-up: booted, then stopped");
        return compute;
    }
}
