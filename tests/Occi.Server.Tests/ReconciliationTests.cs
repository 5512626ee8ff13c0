using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Backend ↔ store consistency: intents, start-up repair, inventory sweeps (issue 4), on the local backend.</summary>
public class ReconciliationTests
{
    private RunningServer _server = null!;

    [SetUp]
    public async Task Start() => _server = await RunningServer.StartAsync();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private T Service<T>() where T : notnull => _server.Services.GetRequiredService<T>();

    private async Task<List<string>> InventoryAsync(CategoryId kind)
    {
        var list = new List<string>();
        await foreach (var id in Service<ICloudBackend>().InventoryAsync(kind, CancellationToken.None)) list.Add(id);
        return list;
    }

    private async Task<string> CreateComputeAsync()
    {
        var r = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/compute/") { Content = RunningServer.TextPlain(OcciText.ComputeCategory) });
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        return r.Headers.Location!.AbsolutePath;
    }

    [Test]
    public async Task A_create_interrupted_between_backend_and_store_is_rolled_back_at_start()
    {
        // What a crash right after the backend's create leaves: an open intent and a backend machine.
        await Service<IIntentStore>().WriteAsync(new Intent("i-1", "create", "/compute/orphan-1", null, "default", DateTimeOffset.UtcNow, Compute.Kind.Id.Identity), CancellationToken.None);
        await Service<ICloudBackend>().CreateAsync(Caller.Anonymous, new Resource { Kind = Compute.Kind.Id, Id = "orphan-1", Location = "/compute/orphan-1" }, CancellationToken.None);
        Assert.That(await InventoryAsync(Compute.Kind.Id), Does.Contain("orphan-1"));

        _server = await _server.RestartAsync();

        Assert.That(await InventoryAsync(Compute.Kind.Id), Does.Not.Contain("orphan-1"));
        Assert.That(await Service<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty);
        Assert.That(OcciText.Locations(await _server.Client.GetStringAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task A_delete_interrupted_between_backend_and_store_is_finished_at_start()
    {
        var compute = await CreateComputeAsync();
        var record = (await Service<IEntityStore>().GetAsync(compute, CancellationToken.None))!;
        await Service<IIntentStore>().WriteAsync(new Intent("i-2", "delete", compute, record.Entity.BackendId, "default", DateTimeOffset.UtcNow, Compute.Kind.Id.Identity), CancellationToken.None);
        await Service<ICloudBackend>().DeleteAsync(Caller.Anonymous, record.Entity, CancellationToken.None);

        _server = await _server.RestartAsync();

        var r = await _server.Client.GetAsync(compute);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Service<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_store_failure_after_the_backend_created_undoes_the_backend_create()
    {
        await _server.DisposeAsync();
        _server = await RunningServer.StartAsync(null, services =>
        {
            var registered = services.Last(d => d.ServiceType == typeof(IEntityStore));
            services.AddSingleton<IEntityStore>(sp => new RefusingStore((IEntityStore)registered.ImplementationFactory!(sp), refusing: true));
        });
        var r = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/compute/") { Content = RunningServer.TextPlain(OcciText.ComputeCategory) });
        Assert.That((int)r.StatusCode, Is.EqualTo(503), await r.Content.ReadAsStringAsync());
        Assert.That(await InventoryAsync(Compute.Kind.Id), Is.Empty, "the backend's create was undone");
        // Intents are closed off the request path, a few tens of milliseconds later.
        Assert.That(async () => await Service<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty.After(5000, 20));
    }

    [Test]
    public async Task A_resource_the_backend_lost_is_recorded_in_error_at_start()
    {
        var compute = await CreateComputeAsync();
        var record = (await Service<IEntityStore>().GetAsync(compute, CancellationToken.None))!;
        await Service<ICloudBackend>().DeleteAsync(Caller.Anonymous, record.Entity, CancellationToken.None);

        _server = await _server.RestartAsync();

        var stored = (await Service<IEntityStore>().GetAsync(compute, CancellationToken.None))!;
        Assert.That(stored.Entity.Attributes.GetString(Compute.State), Is.EqualTo("error"));
        Assert.That(OcciText.Attribute(await _server.Client.GetStringAsync(compute), Compute.StateMessage), Does.Contain("no longer"));
    }

    [Test]
    public async Task Backend_entities_unknown_to_the_store_are_reported_and_kept_unless_deleting_orphans_is_on()
    {
        await Service<ICloudBackend>().CreateAsync(Caller.Anonymous, new Resource { Kind = Compute.Kind.Id, Id = "stray", Location = "/compute/stray" }, CancellationToken.None);

        _server = await _server.RestartAsync();
        Assert.That(await InventoryAsync(Compute.Kind.Id), Does.Contain("stray"), "reported, not destroyed");

        _server = await _server.RestartAsync(("Occi:Reconcile:DeleteOrphans", "true"));
        Assert.That(await InventoryAsync(Compute.Kind.Id), Does.Not.Contain("stray"));
    }

    [Test]
    public async Task User_mixins_another_gateway_added_to_the_store_appear_without_restart()
    {
        var mixin = new Mixin("http://example.org/tags#", "shared", "Shared", "/tags/shared/", isUserDefined: true);
        await Service<ICategoryStore>().PutUserMixinAsync(mixin, CancellationToken.None);
        var loader = _server.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "ModelLoader");
        await (Task<int>)loader.GetType().GetMethod("SyncUserMixinsAsync")!.Invoke(loader, [CancellationToken.None])!;
        Assert.That(await _server.Client.GetStringAsync("/-/"), Does.Contain("Category: shared;"));

        await Service<ICategoryStore>().DeleteUserMixinAsync(mixin.Id, CancellationToken.None);
        await (Task<int>)loader.GetType().GetMethod("SyncUserMixinsAsync")!.Invoke(loader, [CancellationToken.None])!;
        Assert.That(await _server.Client.GetStringAsync("/-/"), Does.Not.Contain("Category: shared;"));
    }

    [Test]
    public void A_second_gateway_on_the_same_data_folder_is_refused_with_a_clear_message()
    {
        var e = Assert.CatchAsync(async () => await RunningServer.StartAsync(_server.DataPath));
        var messages = string.Join(" | ", Messages(e));
        Assert.That(messages, Does.Contain(Path.GetFullPath(_server.DataPath)), "the refusal names the data folder");
    }

    private static IEnumerable<string> Messages(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e.Message;
    }
}
