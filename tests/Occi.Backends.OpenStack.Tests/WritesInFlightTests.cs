using Microsoft.Extensions.Time.Testing;
using Occi.Backends.OpenStack.Changes;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>What a change listing waits for: the gateway's own writes in flight, and never longer than its bound.</summary>
public sealed class WritesInFlightTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T17:00:00Z"));
    private readonly WritesInFlight _writes = new();

    [Test]
    public void A_listing_goes_at_once_when_no_write_is_in_flight()
    {
        Assert.That(_writes.QuietAsync(Bound, _time, CancellationToken.None).IsCompletedSuccessfully, Is.True);
        Assert.That(_writes.HasWaiter, Is.False);
    }

    [Test]
    public async Task A_listing_waits_until_every_write_in_flight_is_answered()
    {
        var first = _writes.Enter();
        var second = _writes.Enter();
        var quiet = _writes.QuietAsync(Bound, _time, CancellationToken.None);
        Assert.That((quiet.IsCompleted, _writes.HasWaiter, _writes.Count), Is.EqualTo((false, true, 2)));

        first.Dispose();
        Assert.That(quiet.IsCompleted, Is.False, "one write still in flight");
        second.Dispose();
        await quiet.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((_writes.HasWaiter, _writes.Count), Is.EqualTo((false, 0)));
    }

    [Test]
    public async Task A_listing_goes_when_its_bound_has_passed_though_writes_are_still_in_flight()
    {
        using var write = _writes.Enter();
        var quiet = _writes.QuietAsync(Bound, _time, CancellationToken.None);
        _time.Advance(Bound - TimeSpan.FromMilliseconds(1));
        Assert.That(quiet.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await quiet.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(quiet.IsCompletedSuccessfully, Is.True, "the bound ends the wait; it is no failure");
        Assert.That(_writes.Count, Is.EqualTo(1));
    }

    [Test]
    public void The_scope_of_a_call_that_is_no_write_counts_nothing()
    {
        default(WritesInFlight.Scope).Dispose();
        Assert.That(_writes.Count, Is.Zero);
    }
}
