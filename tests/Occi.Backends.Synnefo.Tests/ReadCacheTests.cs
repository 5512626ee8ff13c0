using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>
/// The servers' read cache (Occi:Synnefo:StalenessSeconds, here 10 on a FakeTimeProvider): a GET answers from what the
/// gateway knows while it is fresh, without asking Cyclades; Cache-Control: no-cache asks Cyclades now; a change made
/// in Cyclades reaches a GET, and the store's listing, through the changes-since sweep, without a Get Server Details.
/// </summary>
public sealed class ReadCacheTests
{
    private FakeTimeProvider _clock = null!;
    private SynnefoGateway _gateway = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _gateway = await SynnefoGateway.StartOnAsync(_clock, ("Occi:Synnefo:StalenessSeconds", "10"));
    }

    [TearDown]
    public async Task Stop() => await _gateway.DisposeAsync();

    [Test]
    public async Task A_GET_within_the_staleness_bound_is_answered_from_what_the_gateway_knows_without_asking_Cyclades()
    {
        var path = await ActiveComputeAsync();
        var reads = _gateway.Cloud.ServerReads;
        _clock.Advance(TimeSpan.FromSeconds(4));

        var (status, body) = await _gateway.AskAsync(HttpMethod.Get, path);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("active"));
        Assert.That(_gateway.Cloud.ServerReads, Is.EqualTo(reads), "answered without Get Server Details");
    }

    [Test]
    public async Task Cache_Control_no_cache_asks_Cyclades_now_and_shows_what_changed()
    {
        var path = await ActiveComputeAsync();
        var reads = _gateway.Cloud.ServerReads;
        Stop(_gateway.ServerOf(path));

        var (status, body) = await _gateway.AskLiveAsync(path);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("inactive"));
        Assert.That(_gateway.Cloud.ServerReads, Is.EqualTo(reads + 1));
    }

    [Test]
    public async Task A_change_in_Cyclades_reaches_a_GET_through_the_changes_since_sweep_without_asking_for_the_server()
    {
        var path = await ActiveComputeAsync();
        var reads = _gateway.Cloud.ServerReads;
        Stop(_gateway.ServerOf(path));

        var state = await AfterASweepAsync(async () => OcciText.Attribute((await _gateway.AskAsync(HttpMethod.Get, path)).Body, "occi.compute.state"));

        Assert.That(state, Is.EqualTo("inactive"), "the sweep brought the STOPPED server into what the gateway knows");
        Assert.That(_gateway.Cloud.ServerReads, Is.EqualTo(reads), "no Get Server Details: the listing brought it");
        Assert.That(_gateway.Cloud.ServerListings, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_change_the_sweep_sees_reaches_the_compute_listing_without_a_GET_of_the_compute()
    {
        var path = await ActiveComputeAsync();
        var reads = _gateway.Cloud.ServerReads;
        Stop(_gateway.ServerOf(path));

        var listed = await AfterASweepAsync(() => ListedStateAsync(path));

        Assert.That(listed, Is.EqualTo("inactive"), "the store follows what the sweep saw (IBackendChanges)");
        Assert.That(_gateway.Cloud.ServerReads, Is.EqualTo(reads));
    }

    [Test]
    public async Task A_sweep_due_while_the_gateway_deletes_a_server_lists_Cyclades_after_the_delete_is_answered()
    {
        var path = await ActiveComputeAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listings = 0;
        _gateway.Cloud.Hold = (method, at) =>
        {
            if (method == "GET" && at.EndsWith("/servers/detail", StringComparison.Ordinal)) Interlocked.Increment(ref listings);
            return method == "DELETE" ? release.Task : Task.CompletedTask;
        };
        var writes = _gateway.Server.Services.GetRequiredService<Http.SynnefoHttp>().Writes;
        var deleting = _gateway.AskAsync(HttpMethod.Delete, path);
        try
        {
            Assert.That(await EventuallyAsync(() => writes.Count == 1 || deleting.IsCompleted), Is.True, "the delete is held at Cyclades' door");

            _clock.Advance(TimeSpan.FromSeconds(5)); // a sweep falls due
            Assert.That(await EventuallyAsync(() => writes.HasWaiter || Volatile.Read(ref listings) > 0), Is.True, "the sweep is under way");
            Assert.That(Volatile.Read(ref listings), Is.Zero, "no listing while the delete is in flight");
        }
        finally
        {
            release.TrySetResult();
        }
        var (status, body) = await deleting;
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent), body);
        Assert.That(await EventuallyAsync(() => Volatile.Read(ref listings) > 0), Is.True, "the listing follows the delete");
    }

    /// <summary>Polls a condition a background sweep or a held request brings about, for at most 20 s.</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done() && DateTime.UtcNow < deadline) await Task.Delay(20);
        return done();
    }

    /// <summary>
    /// Moves the clock half the staleness bound, so the follower sweeps (List Servers) while what a GET read stays fresh,
    /// and reads the state until it is inactive, within a bounded deadline (the sweep runs in the background); the last read.
    /// </summary>
    private async Task<string?> AfterASweepAsync(Func<Task<string?>> readState)
    {
        _clock.Advance(TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var state = await readState();
        while (state != "inactive" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            state = await readState();
        }
        return state;
    }

    /// <summary>The compute's state as GET /compute/ lists it in application/occi+json (from the store, not the cloud).</summary>
    private async Task<string?> ListedStateAsync(string path)
    {
        using var request = _gateway.Server.Request(HttpMethod.Get, "/compute/", "application/occi+json");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", SimulatedCloud.Token);
        using var response = await _gateway.Server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var id = path[(path.LastIndexOf('/') + 1)..];
        var attributes = System.Text.Json.Nodes.JsonNode.Parse(text)!["resources"]?.AsArray().FirstOrDefault(r => r!["id"]?.GetValue<string>() == id)?["attributes"];
        return (attributes?["occi.compute.state"] ?? attributes?["occi"]?["compute"]?["state"])?.GetValue<string>();
    }

    /// <summary>A compute whose server Cyclades has built, read once (so the gateway knows it ACTIVE); returns its path.</summary>
    private async Task<string> ActiveComputeAsync()
    {
        var path = await _gateway.CreateAsync(SynnefoGateway.Compute());
        var (status, body) = await _gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("active"));
        return path;
    }

    /// <summary>The server stopped in Cyclades by another client (kamaki's server shutdown), its "updated" moved on.</summary>
    private static void Stop(SimulatedServer server)
    {
        server.Status = "STOPPED";
        server.Updated = DateTimeOffset.UtcNow;
    }
}
