using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Infrastructure.Kinds;
using OcciNetwork = Occi.Infrastructure.Kinds.Network;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Neutron's changes, for <see cref="KnownNeutron"/>. Neutron has no changes-since (its list filters refuse
/// changed_since): each sweep lists the ids and revision_numbers of networks, ports and floating IPs (one small
/// answer each) and reads again only the objects the gateway knows whose revision moved. One the listing no longer
/// has is forgotten, not taken as gone: the account may not see another project's, so the next read asks Neutron.
/// A network or port read again is announced (its network or networkinterface), so the stored state follows.
/// </summary>
internal sealed class NeutronChanges(NeutronClient neutron, KnownNeutron known, ChangeAnnouncements announcements) : IChangeSource
{
    public string Name => "Neutron";

    public async Task SweepAsync(ICredential service, CancellationToken ct)
    {
        var startedAt = known.Networks.Now;
        var networks = await SweepAsync(service, "networks", known.Networks, n => n.RevisionNumber, id => neutron.ShowNetworkAsync(service, id, ct), ct);
        var ports = await SweepAsync(service, "ports", known.Ports, p => p.RevisionNumber, id => neutron.ShowPortAsync(service, id, ct), ct);
        await SweepAsync(service, "floatingips", known.FloatingIps, f => f.RevisionNumber, id => neutron.ShowFloatingIpAsync(service, id, ct), ct);
        known.Networks.MarkSwept(startedAt);
        known.Ports.MarkSwept(startedAt);
        known.FloatingIps.MarkSwept(startedAt);
        foreach (var id in networks) announcements.Announce(OcciNetwork.Kind.Id, id);
        foreach (var id in ports) announcements.Announce(NetworkInterface.Kind.Id, id);
    }

    /// <summary>Returns the ids read again: those whose revision moved.</summary>
    private async Task<List<string>> SweepAsync<T>(ICredential service, string collection, KnownObjects<T> cache, Func<T, int?> revision, Func<string, Task<T?>> show, CancellationToken ct)
        where T : class
    {
        var moved = new List<string>();
        // Only what the gateway knows is compared: with nothing of this collection known, Neutron is not asked at all.
        if (!cache.Entries.Any(e => e.Value is not null)) return moved;
        var rows = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var row in await neutron.ListChangesAsync(service, collection, ct)) rows[row.Id] = row.RevisionNumber;
        foreach (var (id, value) in cache.Entries.ToList())
        {
            if (value is null) continue;
            if (!rows.TryGetValue(id, out var now)) cache.Forget(id);
            else if (now == revision(value)) cache.Put(id, value, bySweep: true);
            else
            {
                cache.Put(id, await show(id), bySweep: true);
                moved.Add(id);
            }
        }
        return moved;
    }
}
