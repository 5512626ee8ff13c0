using Occi.Core;
using Occi.Core.Model;
using static Occi.Backends.Local.Tests.TestCloud;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;

namespace Occi.Backends.Local.Tests;

public class ErrorTests : CloudTest
{
    private LocalBackend _backend = null!;

    [SetUp]
    public void OpenBackend() => _backend = Cloud.Open();

    private static Resource Unknown() => new() { Kind = Infrastructure.Kinds.Compute.Kind.Id, BackendId = "no-such-id" };

    [Test]
    public async Task Refreshing_an_unknown_id_answers_false()
    {
        Assert.That(await _backend.RefreshAsync(Caller, Unknown(), ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public void Updating_an_unknown_id_is_not_found()
    {
        var e = Assert.ThrowsAsync<OcciException>(() => _backend.UpdateAsync(Caller, Unknown(), None))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.NotFound));
        Assert.That(e.Message, Does.Contain("no-such-id"));
    }

    [Test]
    public void Invoking_an_action_on_an_unknown_id_is_not_found()
    {
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(_backend, Unknown(), Infrastructure.Kinds.Compute.Start))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.NotFound));
    }

    [Test]
    public void Deleting_an_unknown_id_succeeds()
    {
        Assert.DoesNotThrowAsync(() => _backend.DeleteAsync(Caller, Unknown(), None));
    }

    [Test]
    public void Creating_a_kind_theCloud_does_not_run_is_a_bad_request()
    {
        var e = Assert.ThrowsAsync<OcciException>(() => _backend.CreateAsync(Caller, new Resource { Kind = CoreCategories.Resource.Id }, None))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
    }

    [Test]
    public async Task A_cancelled_create_throws_and_creates_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.That(() => _backend.CreateAsync(Caller, Compute(), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_backend.Count, Is.Zero);
    }

    [Test]
    public async Task A_cancelled_refresh_throws()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        Assert.That(() => _backend.RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, new CancellationToken(true)), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_cancelled_action_changes_nothing()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        Assert.That(() => _backend.InvokeAsync(Caller, Handle(compute), new ActionInvocation(Infrastructure.Kinds.Compute.Stop.Id), new CancellationToken(true)),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(State(await Read(_backend, compute)), Is.EqualTo("active"));
    }

    [Test]
    public async Task A_cancelled_inventory_throws()
    {
        await _backend.CreateAsync(Caller, Compute(), None);
        Assert.That(async () => { await foreach (var _ in _backend.InventoryAsync(Infrastructure.Kinds.Compute.Kind.Id, new CancellationToken(true))) { } },
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_create_waiting_behind_another_change_gives_up_when_cancelled()
    {
        using var release = new ManualResetEventSlim();
        using var entered = new SemaphoreSlim(0);
        // A rule that holds the first create inside the backend's write lock.
        using var _ = _backend.InjectFailure((op, e) =>
        {
            if (op == LocalOperation.Create && e?.Title == "slow") { entered.Release(); release.Wait(); }
            return false;
        });
        var slow = Compute();
        slow.Title = "slow";
        var first = Task.Run(() => _backend.CreateAsync(Caller, slow, None));
        await entered.WaitAsync();
        using var cancel = new CancellationTokenSource();
        var waiting = _backend.CreateAsync(Caller, Compute(), cancel.Token);
        Assert.That(waiting.IsCompleted, Is.False, "it waits behind the first create");
        cancel.Cancel();
        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        release.Set();
        await first;
        Assert.That(_backend.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Inventory_lists_backend_ids_by_kind()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var storage = await _backend.CreateAsync(Caller, Storage(), None);
        Assert.That(await FailureInjectionTests.Inventory(_backend, Infrastructure.Kinds.Compute.Kind), Is.EqualTo(new[] { compute.BackendId }));
        Assert.That(await FailureInjectionTests.Inventory(_backend, Infrastructure.Kinds.Storage.Kind), Is.EqualTo(new[] { storage.BackendId }));
    }
}
