using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 11: a backend call that fails leaves no open intent behind (the reconciler would otherwise act on it at the next start).</summary>
public class FailedBackendIntentTests : ServerTest
{
    private Task<IReadOnlyList<Intent>> OpenIntentsAsync() =>
        Server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None);

    [Test]
    public async Task Creates_the_backend_refuses_are_502_and_leave_no_open_intent()
    {
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Create, 3);
        for (var i = 0; i < 3; i++)
        {
            var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        }
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task A_delete_the_backend_refuses_is_502_keeps_the_entity_and_leaves_no_open_intent()
    {
        var compute = await CreateComputeAsync();
        Server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Delete, 40); // more than the retries of an idempotent call
        var r = await SendAsync(HttpMethod.Delete, compute);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        Assert.That(async () => await OpenIntentsAsync(), Is.Empty.After(10_000, 20));
        await GetTextAsync(compute);
    }
}

/// <summary>The same with the simulator failing every call (Occi:Local:FailureRate=1), as the review reproduced it.</summary>
public class FailingBackendIntentTests : ServerTest
{
    protected override (string Key, string Value)[] Settings => [("Occi:Local:FailureRate", "1")];

    [Test]
    public async Task Three_502_creates_leave_no_open_intent()
    {
        for (var i = 0; i < 3; i++)
        {
            var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), await r.Content.ReadAsStringAsync());
        }
        Assert.That(async () => await Server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty.After(10_000, 20));
    }
}

/// <summary>
/// Creates the open breaker holds off are 503 and were never made, so they leave no open intent either (before,
/// each one stayed open until the next start, found by the provider-isolation load test: a thousand per second).
/// </summary>
public class HeldOffCreateIntentTests : ServerTest
{
    protected override (string Key, string Value)[] Settings =>
    [
        ("Occi:Local:FailureRate", "1"), ("Occi:Resilience:BreakerMinimumThroughput", "2"),
        ("Occi:Resilience:BreakerFailureRatio", "0.5"), ("Occi:Resilience:Retries", "0"),
    ];

    [Test]
    public async Task Creates_held_off_by_the_open_breaker_are_503_and_leave_no_open_intent()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory)).StatusCode);
        Assert.That(statuses, Does.Contain(HttpStatusCode.ServiceUnavailable), "the breaker opened");
        var heldOff = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
        Assert.That(heldOff.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await heldOff.Content.ReadAsStringAsync());
        Assert.That(heldOff.Headers.RetryAfter, Is.Not.Null);
        Assert.That(async () => await Server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty.After(10_000, 20));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task A_delete_held_off_by_the_open_breaker_is_503_and_leaves_no_open_intent_to_finish_it_at_the_next_start()
    {
        // Its own server: the create needs the simulator working; refused deletes then open the breaker (the start-up
        // inventories and the create count as successes, hence more refusals than the threshold alone needs).
        await using var server = await RunningServer.StartAsync(null,
            ("Occi:Resilience:BreakerMinimumThroughput", "2"), ("Occi:Resilience:BreakerFailureRatio", "0.5"), ("Occi:Resilience:Retries", "0"));
        var client = server.Client;
        var created = await client.PostAsync("/compute/", RunningServer.TextPlain(OcciText.ComputeCategory));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var compute = created.Headers.Location!.AbsolutePath;
        server.Services.GetRequiredService<LocalBackend>().FailNext(LocalOperation.Delete, 40);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add((await client.DeleteAsync(compute)).StatusCode);
        Assert.That(statuses[^1], Is.EqualTo(HttpStatusCode.ServiceUnavailable), string.Join(", ", statuses));
        Assert.That(async () => await server.Services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty.After(10_000, 20));
    }
}
