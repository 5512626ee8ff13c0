using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Core.BackendContracts;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// A delete writes its intent while the backend's call is in flight, not before it (issue 15: deletes within 10 % of
/// the cloud's own). What a client, the store and the backend see when that write is slow or refused, or when the
/// backend refuses meanwhile: a 2xx is gone from both, a refusal keeps the entity, and no intent is left open to
/// delete a kept entity at the next start.
/// </summary>
public class DeleteIntentOverlapTests : ServerTest
{
    private readonly CallGate _intentWrites = new();
    private Func<IServiceProvider, GatedIntentStore> _intents = null!;

    protected override void ConfigureServices(IServiceCollection services) => _intents = GatedIntentStore.Install(services, _intentWrites);

    private Task<IReadOnlyList<Intent>> OpenIntentsAsync() => Server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None);

    private async Task<List<string>> BackendComputesAsync()
    {
        var ids = new List<string>();
        await foreach (var id in Server.Services.GetRequiredService<ICloudBackend>().InventoryAsync(Compute.Kind.Id, CancellationToken.None)) ids.Add(id);
        return ids;
    }

    private async Task<(string Location, string BackendId)> CreateWithBackendIdAsync()
    {
        var compute = await CreateComputeAsync();
        var record = await Server.Services.GetRequiredService<IEntityStore>().GetAsync(compute, CancellationToken.None);
        return (compute, record!.Entity.BackendId!);
    }

    [Test]
    public async Task A_delete_reaches_the_backend_while_its_intent_is_still_being_written_and_answers_once_both_are_done()
    {
        var (compute, backendId) = await CreateWithBackendIdAsync();
        _intentWrites.Close();
        var deleting = SendAsync(HttpMethod.Delete, compute);
        await _intentWrites.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(async () => await BackendComputesAsync(), Does.Not.Contain(backendId).After(10_000, 20), "the backend deleted before the intent was on record");
        Assert.That(deleting.IsCompleted, Is.False, "no answer before the intent is written");

        _intentWrites.Open();
        var r = await deleting;

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That((await SendAsync(HttpMethod.Get, compute)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20));
    }

    [Test]
    public async Task A_delete_whose_intent_cannot_be_written_is_still_made_in_backend_and_store()
    {
        var (compute, backendId) = await CreateWithBackendIdAsync();
        _intents(Server.Services).Refusing = true;

        var r = await SendAsync(HttpMethod.Delete, compute);

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That((await SendAsync(HttpMethod.Get, compute)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await BackendComputesAsync(), Does.Not.Contain(backendId));
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20), "the create's, closed off the request path");
    }

    [Test]
    public async Task A_delete_the_backend_refuses_while_its_intent_is_being_written_is_502_keeps_the_entity_and_leaves_no_open_intent()
    {
        var (compute, backendId) = await CreateWithBackendIdAsync();
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Delete, 40); // more than the retries of an idempotent call
        _intentWrites.Close();
        var deleting = SendAsync(HttpMethod.Delete, compute);
        await _intentWrites.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        _intentWrites.Open();
        var r = await deleting;

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20));
        Assert.That((await SendAsync(HttpMethod.Get, compute)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await BackendComputesAsync(), Does.Contain(backendId));
    }

    [Test]
    public async Task A_delete_the_backend_refuses_whose_intent_was_written_but_answered_as_failed_leaves_no_open_intent()
    {
        var (compute, backendId) = await CreateWithBackendIdAsync();
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20), "the create's, closed off the request path");
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Delete, 40); // more than the retries of an idempotent call
        _intents(Server.Services).LosingAnswers = true;

        var r = await SendAsync(HttpMethod.Delete, compute);

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20), "an open intent would delete the kept compute at the next start");
        Assert.That((await SendAsync(HttpMethod.Get, compute)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await BackendComputesAsync(), Does.Contain(backendId));
    }
}
