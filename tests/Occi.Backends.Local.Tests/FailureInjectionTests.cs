using Occi.Core;
using static Occi.Backends.Local.Tests.TestCloud;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;

namespace Occi.Backends.Local.Tests;

public class FailureInjectionTests : CloudTest
{

    [Test]
    public async Task FailNext_makes_the_next_create_fail_with_BackendFailure_and_create_nothing()
    {
        var backend = Cloud.Open();
        backend.FailNext(LocalOperation.Create);
        var e = Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller, Compute(), None))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(await Inventory(backend), Is.Empty);
    }

    [Test]
    public async Task FailNext_fails_only_as_many_calls_as_asked()
    {
        var backend = Cloud.Open();
        backend.FailNext(LocalOperation.Create, 2);
        Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller, Compute(), None));
        Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller, Compute(), None));
        Assert.That(await backend.CreateAsync(Caller, Compute(), None), Is.Not.Null);
    }

    [Test]
    public async Task FailNext_of_one_operation_leaves_the_others_alone()
    {
        var backend = Cloud.Open();
        backend.FailNext(LocalOperation.Invoke);
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        Assert.That(await backend.RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, None), Is.True);
        var e = Assert.ThrowsAsync<OcciException>(() => Invoke(backend, compute, Infrastructure.Kinds.Compute.Stop))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(State(await Read(backend, compute)), Is.EqualTo("active"), "a failed action changes nothing");
    }

    [Test]
    public async Task An_injected_rule_fails_matching_operations_until_disposed()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        var rule = backend.InjectFailure((op, e) => op == LocalOperation.Delete && e?.BackendId == compute.BackendId);
        Assert.ThrowsAsync<OcciException>(() => backend.DeleteAsync(Caller, Handle(compute), None));
        Assert.That(await backend.RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, None), Is.True, "still there");
        rule.Dispose();
        await backend.DeleteAsync(Caller, Handle(compute), None);
        Assert.That(await backend.RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task A_failing_refresh_gives_a_faulted_task_with_BackendFailure()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        backend.FailNext(LocalOperation.Refresh);
        var refresh = backend.RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, None);
        Assert.That(refresh.IsFaulted, Is.True);
        Assert.That(Assert.ThrowsAsync<OcciException>(() => refresh)!.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
    }

    [Test]
    public void A_failure_rate_of_one_fails_every_create()
    {
        var backend = Cloud.Open(o => o.FailureRate = 1);
        for (var i = 0; i < 5; i++)
            Assert.That(Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller, Compute(), None))!.Kind,
                Is.EqualTo(OcciErrorKind.BackendFailure));
    }

    [Test]
    public async Task The_same_seed_fails_the_same_calls()
    {
        var first = await Outcomes(Cloud.Open(o => { o.FailureRate = 0.5; o.FailureSeed = 42; }));
        using var other = new TestCloud();
        var second = await Outcomes(other.Open(o => { o.FailureRate = 0.5; o.FailureSeed = 42; }));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain(true).And.Contain(false), "a rate of one half both fails and succeeds in 40 calls");
    }

    private static async Task<List<bool>> Outcomes(LocalBackend backend)
    {
        var failed = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            try { await backend.CreateAsync(Caller, Compute(), None); failed.Add(false); }
            catch (OcciException e) when (e.Kind == OcciErrorKind.BackendFailure) { failed.Add(true); }
        }
        return failed;
    }

    internal static async Task<List<string>> Inventory(LocalBackend backend, Occi.Core.Model.Kind? kind = null)
    {
        var ids = new List<string>();
        await foreach (var id in backend.InventoryAsync((kind ?? Infrastructure.Kinds.Compute.Kind).Id, None)) ids.Add(id);
        return ids;
    }
}
