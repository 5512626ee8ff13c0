using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>
/// Astakos' quotas as the gateway's quota view names them. The Cyclades resources (docs/quota-api-guide.rst, "Get
/// Resource List"; the resource names as Cyclades registers them) map one to one: cyclades.vm → instances,
/// cyclades.cpu → cores, cyclades.ram (bytes) → memory_gib, cyclades.disk (bytes: servers' disks and volumes) →
/// storage_gib, cyclades.network.private → networks, cyclades.floating_ip → public_ips. Other services' resources
/// (pithos.diskspace, astakos.pending_app) have no row in the view and are left out.
/// </summary>
internal static class AstakosQuotaRows
{
    /// <summary>The source Cyclades charges what a user makes without naming a project: the user's own.</summary>
    public const string SystemSource = "system";

    private const double GiB = 1 << 30;

    private static readonly (string Resource, string Name, double Unit)[] Map =
    [
        ("cyclades.vm", CloudQuota.Instances, 1),
        ("cyclades.cpu", CloudQuota.Cores, 1),
        ("cyclades.ram", CloudQuota.MemoryGiB, GiB),
        ("cyclades.disk", CloudQuota.StorageGiB, GiB),
        ("cyclades.network.private", CloudQuota.Networks, 1),
        ("cyclades.floating_ip", CloudQuota.PublicIps, 1),
    ];

    /// <summary>
    /// The rows of the source what the gateway makes is charged to: "system" (the guide's name for the user's own
    /// quota), else the one named after the user's id (later Astakos names the user's own project so), else, with one
    /// source only, that one; with several and none of these, the sum of them.
    /// </summary>
    public static IReadOnlyList<CloudQuota> From(IReadOnlyDictionary<string, Dictionary<string, AstakosQuota>> sources, string? userId)
    {
        var own = sources.GetValueOrDefault(SystemSource)
            ?? (userId is null ? null : sources.GetValueOrDefault(userId))
            ?? (sources.Count == 1 ? sources.Values.First() : null);
        IEnumerable<Dictionary<string, AstakosQuota>> counted = own is null ? sources.Values : [own];
        var rows = new List<CloudQuota>();
        foreach (var (resource, name, unit) in Map)
        {
            var quotas = counted.Select(s => s.GetValueOrDefault(resource)).OfType<AstakosQuota>().ToList();
            if (quotas.Count == 0) continue;
            var limit = quotas.All(q => q.Limit is not null) ? quotas.Sum(q => q.Limit!.Value) / unit : (double?)null;
            rows.Add(new CloudQuota(name, limit is { } l ? Math.Round(l, 2) : null, Math.Round(quotas.Sum(q => q.InUse) / unit, 2)));
        }
        return rows;
    }
}
