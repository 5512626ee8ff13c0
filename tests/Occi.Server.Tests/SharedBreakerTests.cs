using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Server.Backends;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 13: every backend call runs through one flat pipeline, and whether it is retried is the call's own
/// property, so the breaker is one instance whichever kind of call fails: failing reads (retried) hold off creates
/// (never retried), and the other way round; a read's retries count once. The backend is a double failing every
/// call, as a cloud that is down does.
/// </summary>
public sealed class SharedBreakerTests
{
    // Two retries and a ratio of one half, as by default; the breaker judges from four calls on.
    private static readonly BackendResilienceOptions Options = new() { RetryBaseDelayMs = 1, BreakerMinimumThroughput = 4 };

    private static Resource Compute1() => new() { Id = "vm", Kind = Occi.Infrastructure.Kinds.Compute.Kind.Id };

    [Test]
    public void Reads_failing_at_the_cloud_open_the_breaker_for_creates_too()
    {
        var cloud = new DownCloud();
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);
        for (var i = 0; i < 4; i++)
            Assert.ThrowsAsync<OcciException>(() => backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None));
        Assert.That(cloud.Calls, Is.EqualTo(12), "each read tried three times, and the breaker counted each read once");

        var e = Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller.Anonymous, Compute1(), CancellationToken.None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Unavailable));
        Assert.That(e.RetryAfter, Is.Not.Null);
        Assert.That(cloud.Calls, Is.EqualTo(12));
    }

    [Test]
    public void Creates_failing_at_the_cloud_open_the_breaker_for_reads_too()
    {
        var cloud = new DownCloud();
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);
        for (var i = 0; i < 4; i++)
            Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller.Anonymous, Compute1(), CancellationToken.None));
        Assert.That(cloud.Calls, Is.EqualTo(4), "a create is never retried");

        var e = Assert.ThrowsAsync<OcciException>(() => backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Unavailable));
        Assert.That(e.Message, Does.Contain("is failing"));
        Assert.That(cloud.Calls, Is.EqualTo(4));
    }

    [Test]
    public async Task A_refresh_that_completes_at_once_answers_through_the_pipeline()
    {
        var cloud = new DownCloud { Up = true };
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);

        Assert.That(await backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None), Is.True);
        Assert.That(await backend.RefreshAsync(Caller.Anonymous, new Resource { Id = "gone", Kind = Occi.Infrastructure.Kinds.Compute.Kind.Id }, ReadFreshness.Live, CancellationToken.None), Is.False);
        Assert.That(cloud.Calls, Is.EqualTo(2));
    }

    /// <summary>Fails every call as a cloud that is down does, at once; or, when up, answers at once.</summary>
    private sealed class DownCloud : ICloudBackend
    {
        public bool Up { get; init; }
        public int Calls;

        public string Name => "down";

        private Task<T> Answer<T>(T value)
        {
            Interlocked.Increment(ref Calls);
            return Up ? Task.FromResult(value) : Task.FromException<T>(new OcciException(OcciErrorKind.BackendFailure, "the cloud is down"));
        }

        public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => Answer(entity);
        public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => Answer(entity.Id != "gone");
        public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => Answer(entity);
        public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => Answer(true);
        public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => Answer(entity);
        public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => throw new NotSupportedException();
    }
}
