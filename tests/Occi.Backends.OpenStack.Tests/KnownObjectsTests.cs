using Microsoft.Extensions.Time.Testing;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Storage;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>The read cache of Cinder's and Neutron's objects: how long what the gateway knows answers a GET.</summary>
public sealed class KnownObjectsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T09:00:00Z"));

    private KnownObjects<CinderVolume> Cache() => new(TimeSpan.FromSeconds(5), _time);

    private static CinderVolume Volume(string status) => new("v1", status, 1, null, null, null, null);

    [Test]
    public void A_read_answers_until_it_is_older_than_the_staleness_bound()
    {
        var cache = Cache();
        cache.Put("v1", Volume("available"), settled: true);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.That(cache.TryGetFresh("v1", out var known), Is.True);
        Assert.That(known!.Status, Is.EqualTo("available"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(cache.TryGetFresh("v1", out _), Is.False);
    }

    [Test]
    public void A_sweep_that_saw_a_settled_object_keeps_it_fresh()
    {
        var cache = Cache();
        cache.Put("v1", Volume("available"), settled: true, bySweep: true);
        _time.Advance(TimeSpan.FromSeconds(10));
        cache.MarkSwept(_time.GetUtcNow());
        Assert.That(cache.TryGetFresh("v1", out _), Is.True);
    }

    [Test]
    public void A_sweep_does_not_vouch_for_an_object_in_transition_nor_for_one_it_never_saw()
    {
        var cache = Cache();
        cache.Put("deleting", Volume("deleting"), settled: false, bySweep: true);
        cache.Put("unseen", Volume("available"), settled: true);
        _time.Advance(TimeSpan.FromSeconds(10));
        cache.MarkSwept(_time.GetUtcNow());
        Assert.That(cache.TryGetFresh("deleting", out _), Is.False);
        Assert.That(cache.TryGetFresh("unseen", out _), Is.False);
    }

    [Test]
    public void A_known_absence_answers_gone_and_a_forgotten_object_asks_again()
    {
        var cache = Cache();
        cache.Put("gone", null, settled: true);
        Assert.That(cache.TryGetFresh("gone", out var value), Is.True);
        Assert.That(value, Is.Null);
        cache.Forget("gone");
        Assert.That(cache.TryGetFresh("gone", out _), Is.False);
    }

    [Test]
    public void Cinder_times_without_an_offset_are_read_as_UTC()
    {
        var volume = Volume("available") with { UpdatedAt = "2026-12-05T08:34:58.000000" };
        Assert.That(volume.UpdatedAtUtc, Is.EqualTo(DateTimeOffset.Parse("2026-12-05T08:34:58Z")));
    }
}
