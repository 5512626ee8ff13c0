using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Compute;
using Occi.Backends.OpenStack.Storage;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The one read cache of Nova's, Cinder's and Neutron's objects (<see cref="KnownObjects{T}"/>, as
/// <see cref="KnownServers"/>, <see cref="KnownVolumes"/> and Network/KnownNeutron build it): how long what the gateway
/// knows answers a GET, and when a GET asks the cloud.
/// </summary>
public sealed class KnownObjectsTests
{
    private static readonly TimeSpan Staleness = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T09:00:00Z"));

    private KnownObjects<CinderVolume> Volumes() => new KnownVolumes(null!, new OpenStackOptions { StalenessSeconds = Staleness.TotalSeconds }, _time).Cache;

    private KnownObjects<NovaServer> Servers() => new KnownServers(null!, new OpenStackOptions { StalenessSeconds = Staleness.TotalSeconds }, _time).Cache;

    private static CinderVolume Volume(string status) => new("v1", status, 1, null, null, null, null);

    private static NovaServer Server(string id, string status) =>
        new(id, "s", status, "project", null, null, default(JsonElement), null, null, null, null, null);

    [Test]
    public void A_read_answers_until_it_is_older_than_the_staleness_bound()
    {
        var cache = Volumes();
        cache.Put("v1", Volume("available"));
        _time.Advance(Staleness);
        Assert.That(cache.TryGetFresh("v1", out var known), Is.True);
        Assert.That(known!.Status, Is.EqualTo("available"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(cache.TryGetFresh("v1", out _), Is.False);
    }

    [Test]
    public void A_sweep_that_saw_a_settled_object_keeps_it_fresh()
    {
        var cache = Volumes();
        cache.Put("v1", Volume("available"), bySweep: true);
        _time.Advance(TimeSpan.FromSeconds(10));
        cache.MarkSwept(_time.GetUtcNow());
        Assert.That(cache.TryGetFresh("v1", out _), Is.True);
    }

    [Test]
    public void A_sweep_does_not_vouch_for_an_object_in_transition_nor_for_one_it_never_saw()
    {
        var cache = Volumes();
        cache.Put("deleting", Volume("deleting"), bySweep: true);
        cache.Put("unseen", Volume("available"));
        _time.Advance(TimeSpan.FromSeconds(10));
        cache.MarkSwept(_time.GetUtcNow());
        Assert.That(cache.TryGetFresh("deleting", out _), Is.False);
        Assert.That(cache.TryGetFresh("unseen", out _), Is.False);
    }

    [Test]
    public void A_server_of_a_project_the_follower_does_not_see_is_asked_for_again_once_stale()
    {
        // Read with a caller's token in another project: the configured account's sweeps never list it.
        var cache = Servers();
        cache.Put("theirs", Server("theirs", "ACTIVE"));
        cache.Put("ours", Server("ours", "ACTIVE"), bySweep: true);
        _time.Advance(TimeSpan.FromSeconds(10));
        cache.MarkSwept(_time.GetUtcNow());
        Assert.That(cache.TryGetFresh("theirs", out _), Is.False);
        Assert.That(cache.TryGetFresh("ours", out var ours), Is.True);
        Assert.That(ours!.Status, Is.EqualTo("ACTIVE"));
    }

    [Test]
    public void A_server_listed_deleted_by_Novas_changes_since_is_known_gone()
    {
        var cache = Servers();
        Assert.That(cache.Put("s1", Server("s1", "DELETED"), bySweep: true), Is.Null);
        Assert.That(cache.TryGetFresh("s1", out var server), Is.True);
        Assert.That(server, Is.Null);
    }

    [Test]
    public void A_volume_shown_deleted_by_Cinder_is_known_gone()
    {
        var cache = Volumes();
        cache.Put("v1", Volume("deleted"));
        Assert.That(cache.TryGetFresh("v1", out var volume), Is.True);
        Assert.That(volume, Is.Null);
    }

    [Test]
    public void A_known_absence_answers_gone_and_a_forgotten_object_asks_again()
    {
        var cache = Volumes();
        cache.Put("gone", null);
        Assert.That(cache.TryGetFresh("gone", out var value), Is.True);
        Assert.That(value, Is.Null);
        cache.Forget("gone");
        Assert.That(cache.TryGetFresh("gone", out _), Is.False);
    }

    [Test]
    public async Task A_known_read_answers_from_what_is_fresh_and_a_live_one_asks_the_service_and_remembers()
    {
        var cache = Servers();
        cache.Put("s1", Server("s1", "BUILD"));
        var asked = 0;
        Task<NovaServer?> Show(string status, string id, CancellationToken ct)
        {
            asked++;
            return Task.FromResult<NovaServer?>(Server(id, status));
        }

        var known = await cache.ReadAsync("s1", ReadFreshness.Known, "ACTIVE", (s, id, ct) => Show(s, id, ct), CancellationToken.None);
        Assert.That((known?.Status, asked), Is.EqualTo(("BUILD", 0)));
        var live = await cache.ReadAsync("s1", ReadFreshness.Live, "ACTIVE", (s, id, ct) => Show(s, id, ct), CancellationToken.None);
        Assert.That((live?.Status, asked), Is.EqualTo(("ACTIVE", 1)));
        Assert.That(cache.TryGetFresh("s1", out var remembered) ? remembered?.Status : null, Is.EqualTo("ACTIVE"));
    }

    [Test]
    public void Cinder_times_without_an_offset_are_read_as_UTC()
    {
        var volume = Volume("available") with { UpdatedAt = "2026-12-05T08:34:58.000000" };
        Assert.That(volume.UpdatedAtUtc, Is.EqualTo(DateTimeOffset.Parse("2026-12-05T08:34:58Z")));
    }
}
