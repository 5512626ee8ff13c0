using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Neutron's changes, for <see cref="KnownNeutron"/>. Neutron has no changes-since (its list filters refuse
/// changed_since): each sweep lists the ids and revision_numbers of networks, ports and floating IPs (one small
/// answer each) and reads again only the objects the gateway knows whose revision moved. One the listing no longer
/// has is forgotten, not taken as gone: the account may not see another project's, so the next read asks Neutron.
/// </summary>
internal sealed class NeutronChanges(NeutronClient neutron, KnownNeutron known) : IChangeSource
{
    public string Name => "Neutron";

    public async Task SweepAsync(ICredential service, CancellationToken ct)
    {
        var startedAt = known.Networks.Now;
        await SweepAsync(service, "networks", known.Networks, n => n.RevisionNumber, id => neutron.ShowNetworkAsync(service, id, ct), ct);
        await SweepAsync(service, "ports", known.Ports, p => p.RevisionNumber, id => neutron.ShowPortAsync(service, id, ct), ct);
        await SweepAsync(service, "floatingips", known.FloatingIps, f => f.RevisionNumber, id => neutron.ShowFloatingIpAsync(service, id, ct), ct);
        known.Networks.MarkSwept(startedAt);
        known.Ports.MarkSwept(startedAt);
        known.FloatingIps.MarkSwept(startedAt);
    }

    private async Task SweepAsync<T>(ICredential service, string collection, KnownObjects<T> cache, Func<T, int?> revision, Func<string, Task<T?>> show, CancellationToken ct)
        where T : class
    {
        var rows = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var row in await neutron.ListChangesAsync(service, collection, ct)) rows[row.Id] = row.RevisionNumber;
        foreach (var (id, value) in cache.Entries.ToList())
        {
            if (value is null) continue;
            if (!rows.TryGetValue(id, out var now)) cache.Forget(id);
            else cache.Put(id, now == revision(value) ? value : await show(id), settled: true, bySweep: true);
        }
    }
}
