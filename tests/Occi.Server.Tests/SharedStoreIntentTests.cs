using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Server.Background;
using Occi.Server.Entities;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Several gateways on one store (issue 12 item 8): each intent names the gateway instance that wrote it; a
/// gateway finishes its own at start and another's only once that one has been silent past the lease, and
/// reconciliation leaves alone whatever an open intent names. Gateway "gw-a" and "gw-b" take turns on one
/// data folder (the embedded store admits one process at a time); gw-b's clock is a fake one.
/// </summary>
[NonParallelizable]
public sealed class SharedStoreIntentTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(600);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
    private string _dataPath = null!;
    private RunningServer? _server;

    [SetUp]
    public void CreateFolder() => _dataPath = Path.Combine(Path.GetTempPath(), "occi-server-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public async Task Stop()
    {
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { }
    }

    private async Task<RunningServer> StartAsync(string instance, params (string Key, string Value)[] settings)
    {
        if (_server is not null) await _server.StopAsync();
        _server = await RunningServer.StartAsync(_dataPath, services => services.AddSingleton<TimeProvider>(_clock),
            [("Occi:InstanceId", instance), ("Occi:Reconcile:IntentLeaseSeconds", Lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                // The periodic sweep and model refresh run on the fake clock too: kept beyond what the tests advance,
                // so only the test's own calls finish intents.
                ("Occi:Reconcile:IntervalSeconds", "86400"), ("Occi:ModelRefreshSeconds", "86400"), .. settings]);
        return _server;
    }

    private T Service<T>() where T : notnull => _server!.Services.GetRequiredService<T>();

    private Reconciler Reconciler => _server!.Services.GetServices<IHostedService>().OfType<Reconciler>().Single();

    private async Task<List<string>> ComputeInventoryAsync()
    {
        var ids = new List<string>();
        await foreach (var id in Service<ICloudBackend>().InventoryAsync(Compute.Kind.Id, None)) ids.Add(id);
        return ids;
    }

    /// <summary>What gw-a leaves when it dies right after the backend created a machine: its open intent and the machine.</summary>
    private async Task InterruptACreateAsync(string id)
    {
        await StartAsync("gw-a");
        await Service<IIntentStore>().WriteAsync(new Intent("i-" + id, IntentOperation.Create, "/compute/" + id, null, "default", _clock.GetUtcNow(), Compute.Kind.Id.Identity), None);
        await Service<ICloudBackend>().CreateAsync(Caller.Anonymous, new Resource { Kind = Compute.Kind.Id, Id = id, Location = "/compute/" + id }, None);
    }

    [Test]
    public async Task Intents_are_written_with_the_gateway_instance()
    {
        await InterruptACreateAsync("c1");
        Assert.That((await Service<IIntentStore>().ListOpenAsync(None)).Single().Instance, Is.EqualTo("gw-a"));
    }

    [Test]
    public async Task Another_gateways_fresh_intent_is_left_to_it_at_start_and_its_machine_is_no_orphan()
    {
        await InterruptACreateAsync("c1");

        await StartAsync("gw-b", ("Occi:Reconcile:DeleteOrphans", "true"));

        Assert.That((await Service<IIntentStore>().ListOpenAsync(None)).Select(i => i.Id), Is.EqualTo(new[] { "i-c1" }));
        Assert.That(await ComputeInventoryAsync(), Does.Contain("c1"), "neither rolled back nor deleted as an orphan");
        Assert.That(await Reconciler.FinishSilentIntentsAsync(None), Is.Zero);
    }

    [Test]
    public async Task Another_gateways_intent_is_finished_once_its_writer_has_been_silent_past_the_lease()
    {
        await InterruptACreateAsync("c1");
        await StartAsync("gw-b");

        _clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.That(await Reconciler.FinishSilentIntentsAsync(None), Is.Zero);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await Reconciler.FinishSilentIntentsAsync(None), Is.EqualTo(1));

        Assert.That(await Service<IIntentStore>().ListOpenAsync(None), Is.Empty);
        Assert.That(await ComputeInventoryAsync(), Does.Not.Contain("c1"), "the interrupted create is rolled back");
    }

    [Test]
    public async Task A_gateway_finishes_its_own_intents_at_start_however_fresh()
    {
        await InterruptACreateAsync("c1");

        await StartAsync("gw-a");

        Assert.That(await Service<IIntentStore>().ListOpenAsync(None), Is.Empty);
        Assert.That(await ComputeInventoryAsync(), Does.Not.Contain("c1"));
    }

    [Test]
    public async Task Reconciliation_leaves_a_stored_entity_with_an_open_intent_alone()
    {
        await StartAsync("gw-b");
        // A compute in backend and store (made directly: a create's own intent would close only after a moment).
        const string location = "/compute/c1";
        var compute = await Service<ICloudBackend>().CreateAsync(Caller.Anonymous, new Resource { Kind = Compute.Kind.Id, Id = "c1", Location = location }, None);
        await Service<IEntityStore>().PutAsync(compute, "default", 0, None);
        var record = (await Service<IEntityStore>().GetAsync(location, None))!;
        // gw-a is deleting it: the machine is gone from the backend, the store does not show it yet.
        await Service<IIntentStore>().WriteAsync(new Intent("i-del", IntentOperation.Delete, location, record.Entity.BackendId, "default", _clock.GetUtcNow(), Compute.Kind.Id.Identity, "gw-a"), None);
        await Service<ICloudBackend>().DeleteAsync(Caller.Anonymous, record.Entity, None);

        await Reconciler.SweepAsync(None);
        Assert.That((await Service<IEntityStore>().GetAsync(location, None))!.Entity.Attributes.GetString(Compute.State), Is.Not.EqualTo("error"));

        await Service<IIntentStore>().CompleteAsync("i-del", None);
        await Reconciler.SweepAsync(None);
        Assert.That((await Service<IEntityStore>().GetAsync(location, None))!.Entity.Attributes.GetString(Compute.State), Is.EqualTo("error"),
            "with the intent closed, the same sweep marks it lost");
    }
}
