using Microsoft.Extensions.Time.Testing;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Server.Backends;

namespace Occi.Server.Tests;

/// <summary>
/// The Polly layer every backend call goes through: which failures are retried, which are not, the
/// breaker and the timeout, each as the OCCI error a client would get. The backend here is a scripted
/// double: it stands for a cloud failing in exactly the ways these rules are about. The retries' back-off
/// is the options' 1 ms on the system clock (nothing here waits on it or measures it); the timeout runs on
/// a clock the test moves.
/// </summary>
public sealed class ResilientBackendTests
{
    private static readonly BackendResilienceOptions Options = new()
    {
        TimeoutSeconds = 1, Retries = 2, RetryBaseDelayMs = 1, BreakerFailureRatio = 0.5, BreakerMinimumThroughput = 4, BreakerBreakSeconds = 30,
    };

    private static Resource Compute1() => new() { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };

    [Test]
    public async Task A_read_that_fails_at_the_cloud_is_retried_until_it_succeeds()
    {
        var cloud = new ScriptedCloud { FailuresBeforeSuccess = 2 };
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);

        Assert.That(await backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None), Is.True);
        Assert.That(cloud.Calls, Is.EqualTo(3));
    }

    [Test]
    public void A_create_is_never_retried_since_it_could_run_twice()
    {
        var cloud = new ScriptedCloud { FailuresBeforeSuccess = 1 };
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);

        var e = Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller.Anonymous, Compute1(), CancellationToken.None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(cloud.Calls, Is.EqualTo(1));
    }

    [Test]
    public void An_error_about_the_request_itself_is_not_retried()
    {
        var cloud = new ScriptedCloud { FailuresBeforeSuccess = 5, Failure = () => OcciException.NotFound("no such machine") };
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);

        var e = Assert.ThrowsAsync<OcciException>(() => backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.NotFound));
        Assert.That(cloud.Calls, Is.EqualTo(1));
    }

    [Test]
    public void A_backend_that_retries_by_itself_is_not_retried_again()
    {
        var cloud = new ScriptedCloud { FailuresBeforeSuccess = 5, SelfRetrying = true };
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);

        Assert.ThrowsAsync<OcciException>(() => backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None));
        Assert.That(cloud.Calls, Is.EqualTo(1));
    }

    [Test]
    public void Retries_set_to_zero_means_one_attempt()
    {
        var cloud = new ScriptedCloud { FailuresBeforeSuccess = 5 };
        var backend = new ResilientBackend(cloud, new BackendResilienceOptions { Retries = 0, BreakerMinimumThroughput = 100 }, TimeProvider.System);

        Assert.ThrowsAsync<OcciException>(() => backend.RefreshAsync(Caller.Anonymous, Compute1(), ReadFreshness.Live, CancellationToken.None));
        Assert.That(cloud.Calls, Is.EqualTo(1));
    }

    [Test]
    public void A_failing_cloud_opens_the_breaker_and_later_calls_get_503_without_reaching_it()
    {
        var cloud = new ScriptedCloud { FailuresBeforeSuccess = int.MaxValue };
        var backend = new ResilientBackend(cloud, Options, TimeProvider.System);
        for (var i = 0; i < 4; i++)
            Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller.Anonymous, Compute1(), CancellationToken.None));
        var reached = cloud.Calls;

        var e = Assert.ThrowsAsync<OcciException>(() => backend.CreateAsync(Caller.Anonymous, Compute1(), CancellationToken.None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Unavailable));
        Assert.That(e.Message, Does.Contain("scripted backend is failing"));
        Assert.That(cloud.Calls, Is.EqualTo(reached));
    }

    [Test]
    public void A_call_the_cloud_does_not_answer_in_time_is_503()
    {
        var cloud = new ScriptedCloud { Hang = true };
        var clock = new FakeTimeProvider();
        var backend = new ResilientBackend(cloud, new BackendResilienceOptions { TimeoutSeconds = 1, Retries = 0, BreakerMinimumThroughput = 100 }, clock);

        var call = backend.CreateAsync(Caller.Anonymous, Compute1(), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.That(call.IsCompleted, Is.False, "still within the timeout");
        clock.Advance(TimeSpan.FromTicks(1));
        var e = Assert.ThrowsAsync<OcciException>(() => call);
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Unavailable));
        Assert.That(e.Message, Does.Contain("did not answer in time"));
    }

    /// <summary>Fails its first calls as told, then succeeds; or never answers until cancelled.</summary>
    private sealed class ScriptedCloud : ICloudBackend
    {
        public int FailuresBeforeSuccess { get; init; }
        public Func<Exception> Failure { get; init; } = () => new OcciException(OcciErrorKind.BackendFailure, "the cloud said no");
        public bool SelfRetrying { get; init; }
        public bool Hang { get; init; }
        public int Calls;

        public string Name => "scripted";
        public bool RetriesTransientFailures => SelfRetrying;

        private async Task<T> Answer<T>(T value, CancellationToken ct)
        {
            var call = Interlocked.Increment(ref Calls);
            if (Hang) await Task.Delay(Timeout.Infinite, ct);
            if (call <= FailuresBeforeSuccess) throw Failure();
            return value;
        }

        public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => Answer(entity, ct);
        public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => Answer(true, ct);
        public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => Answer(entity, ct);
        public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => Answer(true, ct);
        public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => Answer(entity, ct);
        public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => throw new NotSupportedException();
    }
}
