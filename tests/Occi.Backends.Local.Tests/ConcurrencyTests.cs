using Occi.Core;
using static Occi.Backends.Local.Tests.TestCloud;

namespace Occi.Backends.Local.Tests;

public class ConcurrencyTests : CloudTest
{

    [Test]
    public async Task Many_parallel_creates_are_all_present_and_persisted()
    {
        var backend = Cloud.Open();
        var created = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => backend.CreateAsync(Caller, Compute(), None))));
        var ids = created.Select(e => e.BackendId!).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(await FailureInjectionTests.Inventory(backend), Is.EquivalentTo(ids));
        Assert.That(await FailureInjectionTests.Inventory(Cloud.Reopen(backend)), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task Of_parallel_starts_of_one_compute_exactly_one_succeeds()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        await Invoke(backend, compute, Infrastructure.Kinds.Compute.Stop); // it booted by itself
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            try { await Invoke(backend, Handle(compute), Infrastructure.Kinds.Compute.Start); return "ok"; }
            catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict) { return "conflict"; }
        })));
        Assert.That(outcomes.Count(o => o == "ok"), Is.EqualTo(1));
    }

    [Test]
    public async Task Reads_during_writes_always_see_a_whole_entity()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 200; i++)
                {
                    await Invoke(backend, Handle(compute), Infrastructure.Kinds.Compute.Stop);
                    await Invoke(backend, Handle(compute), Infrastructure.Kinds.Compute.Start);
                }
            }
            finally
            {
                stop.Cancel(); // a failing writer must not leave the reader spinning
            }
        });
        var seen = new HashSet<string?>();
        while (!stop.IsCancellationRequested)
            seen.Add(State(await Read(backend, compute)));
        await writer;
        Assert.That(seen, Is.SubsetOf(new[] { "active", "inactive" }));
    }
}
