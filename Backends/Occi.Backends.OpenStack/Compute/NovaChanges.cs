using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.OpenStack.Compute;

/// <summary>
/// Nova's changes, for <see cref="KnownServers"/>: the first sweep lists every server, each later one only those
/// changed since the latest "updated" seen (servers.inc, changes-since, which also lists deleted servers). The
/// marker is Nova's own time, never the gateway's clock; changes-since includes its bound, so a change in the same
/// second as the marker is seen again rather than missed. An admin account follows every project (all_tenants).
/// Each server listed is announced once it is in the cache, so its compute's stored state follows.
/// </summary>
internal sealed class NovaChanges(NovaClient nova, KnownServers known, ChangeAnnouncements announcements) : IChangeSource
{
    private DateTimeOffset? _since;

    public string Name => "Nova";

    public async Task SweepAsync(ICredential service, CancellationToken ct)
    {
        var token = await service.TokenAsync(ct);
        var startedAt = known.Cache.Now;
        var servers = await nova.ListServersAsync(service, _since, token.IsAdmin, ct);
        foreach (var server in servers)
        {
            known.Cache.Put(server.Id, server, bySweep: true);
            if (server.Updated is { } updated && (_since is null || updated > _since)) _since = updated;
        }
        known.Cache.MarkSwept(startedAt);
        foreach (var server in servers) announcements.Announce(ComputeKind.Kind.Id, server.Id);
    }
}
