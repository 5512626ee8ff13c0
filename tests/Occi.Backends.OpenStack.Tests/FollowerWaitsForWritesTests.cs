using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Compute;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The change follower against the real Nova, seen through a proxy in front of it that can hold a call at Nova's door:
/// a listing due while the gateway's own write is in flight reaches Nova only after that write is answered (nova-api
/// with one worker would otherwise make the write wait for the listing), or once its bound has passed.
/// </summary>
[Category(OpenStackDirect.Category)]
public sealed class FollowerWaitsForWritesTests
{
    private const string Listing = "GET /v2.1/servers/detail";

    [Test]
    public async Task A_listing_due_while_a_delete_is_in_flight_reaches_Nova_after_the_delete_is_answered()
    {
        await using var setup = await Setup.StartAsync();
        var deleting = await setup.HoldDeleteAtNovaAsync();

        await setup.StartFollowerAsync();
        Assert.That(await OpenStackDirect.EventuallyAsync(() => Task.FromResult(setup.Writes.HasWaiter || setup.Nova.Seen.Any(r => r.StartsWith(Listing))), TimeSpan.FromSeconds(30)),
            Is.True, "the follower's first round is under way");
        Assert.That(setup.Nova.Seen, Has.None.StartsWith(Listing), "no listing while the delete is held");

        setup.ReleaseDelete();
        await deleting;
        Assert.That(await OpenStackDirect.EventuallyAsync(() => Task.FromResult(setup.Nova.Seen.Any(r => r.StartsWith(Listing))), TimeSpan.FromSeconds(30)),
            Is.True, "the listing follows the delete");
        Assert.That(setup.Nova.Seen[0], Does.StartWith("DELETE /v2.1/servers/"));
    }

    [Test]
    public async Task A_listing_goes_to_Nova_once_its_bound_has_passed_though_the_delete_is_still_held()
    {
        await using var setup = await Setup.StartAsync();
        var deleting = await setup.HoldDeleteAtNovaAsync();
        await setup.StartFollowerAsync();
        Assert.That(await OpenStackDirect.EventuallyAsync(() => Task.FromResult(setup.Writes.HasWaiter), TimeSpan.FromSeconds(30)), Is.True);

        // StalenessSeconds 5: a listing every 2.5 s, held off at most 1.25 s per round.
        setup.Time.Advance(TimeSpan.FromSeconds(1.25));
        Assert.That(await OpenStackDirect.EventuallyAsync(() => Task.FromResult(setup.Nova.Seen.Any(r => r.StartsWith(Listing))), TimeSpan.FromSeconds(30)),
            Is.True, "the listing went while the delete was still held");
        Assert.That(deleting.IsCompleted, Is.False);

        setup.ReleaseDelete();
        await deleting;
    }

    /// <summary>The OpenStack backend's container on a fake clock, Nova behind a proxy that holds every DELETE until released.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ServiceProvider _services;
        private IHostedService? _follower;

        private Setup(LoopbackProxy nova, FakeTimeProvider time)
        {
            Nova = nova;
            Time = time;
            nova.Hold = (method, _) => method == "DELETE" ? _release.Task : Task.CompletedTask;
            _services = OpenStackCloud.Services(OpenStackCloud.Configuration(extra: [("Occi:OpenStack:EndpointOverrides:compute", nova.Url), ("Occi:OpenStack:StalenessSeconds", "5")]), time);
            Writes = _services.GetRequiredService<WritesInFlight>();
        }

        public LoopbackProxy Nova { get; }
        public FakeTimeProvider Time { get; }
        public WritesInFlight Writes { get; }

        public static Task<Setup> StartAsync()
        {
            _ = OpenStackDirect.IdentityUrl;
            return Task.FromResult(new Setup(new LoopbackProxy(OpenStackDirect.Nova), new FakeTimeProvider(DateTimeOffset.UtcNow)));
        }

        /// <summary>
        /// Starts the backend's delete of a server (one Nova never had: its 404 is no error) and returns it once Nova's
        /// door holds it.
        /// </summary>
        public async Task<Task> HoldDeleteAtNovaAsync()
        {
            var account = _services.GetRequiredService<Identity.OpenStackIdentity>().Service!;
            var deleting = _services.GetRequiredService<NovaClient>().DeleteServerAsync(account, Guid.NewGuid().ToString(), CancellationToken.None);
            _held = deleting;
            if (!await OpenStackDirect.EventuallyAsync(() => Task.FromResult(Nova.Seen.Any(r => r.StartsWith("DELETE ")) || deleting.IsCompleted), TimeSpan.FromSeconds(30)))
                Assert.Fail("the delete never reached Nova's door");
            if (deleting.IsCompleted) await deleting; // why it never got there shows here
            Assert.That(Writes.Count, Is.EqualTo(1), "the delete counts as a write in flight");
            return deleting;
        }

        private Task? _held;

        public async Task StartFollowerAsync()
        {
            _follower = _services.GetServices<IHostedService>().OfType<ChangeFollower>().Single();
            await _follower.StartAsync(CancellationToken.None);
        }

        public void ReleaseDelete() => _release.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            ReleaseDelete();
            if (_held is not null) await _held;
            if (_follower is not null) await _follower.StopAsync(CancellationToken.None);
            await _services.DisposeAsync();
            await Nova.DisposeAsync();
        }
    }
}
