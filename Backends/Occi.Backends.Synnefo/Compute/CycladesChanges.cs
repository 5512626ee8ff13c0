using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// Cyclades' changes, for the servers' read cache (the OpenStack backend's <see cref="KnownObjects{T}"/>): the first
/// sweep lists every server of the configured token's user, each later one those changed since the latest "updated"
/// seen (compute-api-guide, "Efficient Polling with the Changes-Since Parameter": deleted servers are listed too, for
/// POLL_TIME, an hour by default, far longer than a sweep's interval). The marker is Cyclades' own time, never the
/// gateway's clock, and changes-since includes its bound, so a change in the marker's instant is seen again rather
/// than missed. Differs from the OpenStack backend's NovaChanges: no all_tenants (Cyclades lists the user's servers
/// only), and a 304 says nothing changed. Each server listed is announced once it is in the cache, so its compute's
/// stored state follows.
/// </summary>
internal sealed class CycladesChanges(CycladesClient cyclades, KnownObjects<CycladesServer> known, ChangeAnnouncements announcements) : IChangeSource
{
    private DateTimeOffset? _since;

    public string Name => "Cyclades";

    public async Task SweepAsync(ICredential service, CancellationToken ct)
    {
        var startedAt = known.Now;
        var changed = await cyclades.ListServersAsync(service, ct, _since);
        known.PutSwept(changed, static s => s.Id, startedAt);
        _since = changed.Select(s => s.Updated).Append(_since).Max();
        foreach (var server in changed) announcements.Announce(ComputeKind.Kind.Id, server.Id);
    }
}
