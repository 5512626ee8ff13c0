namespace Occi.Server;

/// <summary>
/// Occi:Quotas (issue 14): how much each tenant may use. <see cref="Default"/> holds for every tenant; a tenant's
/// section under <see cref="Tenants"/> overrides it key by key. A key without a value is no limit; -1 lifts a
/// default limit for one tenant.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Occi:Quotas";

    /// <summary>Occi:Quotas:Default:* — the limits of every tenant.</summary>
    public QuotaLimits Default { get; set; } = new();

    /// <summary>Occi:Quotas:Tenants:&lt;tenant&gt;:* — one tenant's limits, over the defaults.</summary>
    public Dictionary<string, QuotaLimits> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The limits that hold for <paramref name="tenant"/>: its own keys, else the defaults.</summary>
    public QuotaLimits For(string tenant) =>
        Tenants.TryGetValue(tenant, out var own) ? own.Over(Default) : Default;

    /// <summary>What is wrong with the values, each naming its key; empty when they are usable.</summary>
    public IEnumerable<string> Problems() =>
        Default.Problems($"{Section}:Default").Concat(Tenants.SelectMany(t => t.Value.Problems($"{Section}:Tenants:{t.Key}")));
}

/// <summary>One set of quota limits; null is no limit. Sizes in GiB as OCCI gives them (occi.compute.memory, occi.storage.size).</summary>
public sealed class QuotaLimits
{
    /// <summary>Computes.</summary>
    public long? Instances { get; set; }

    /// <summary>The computes' occi.compute.cores together.</summary>
    public long? Cores { get; set; }

    /// <summary>The computes' occi.compute.memory together (GiB).</summary>
    public double? MemoryGiB { get; set; }

    /// <summary>The storages' occi.storage.size together (GiB).</summary>
    public double? StorageGiB { get; set; }

    /// <summary>Networks.</summary>
    public long? Networks { get; set; }

    /// <summary>Network interfaces to a public network (a network whose id is "public", OOI's pool of public addresses).</summary>
    public long? PublicIps { get; set; }

    /// <summary>These limits, with <paramref name="defaults"/>' where this has none; -1 is no limit.</summary>
    public QuotaLimits Over(QuotaLimits defaults) => new()
    {
        Instances = Pick(Instances, defaults.Instances),
        Cores = Pick(Cores, defaults.Cores),
        MemoryGiB = Pick(MemoryGiB, defaults.MemoryGiB),
        StorageGiB = Pick(StorageGiB, defaults.StorageGiB),
        Networks = Pick(Networks, defaults.Networks),
        PublicIps = Pick(PublicIps, defaults.PublicIps),
    };

    /// <summary>True when no key limits anything (-1 included).</summary>
    public bool IsUnlimited => Limit(Instances) is null && Limit(Cores) is null && Limit(MemoryGiB) is null && Limit(StorageGiB) is null
        && Limit(Networks) is null && Limit(PublicIps) is null;

    /// <summary>A configured value as a limit: null and -1 are none.</summary>
    public static double? Limit(double? value) => value is null or -1 ? null : value;

    internal IEnumerable<string> Problems(string section)
    {
        foreach (var (key, value) in new (string, double?)[]
                 {
                     (nameof(Instances), Instances), (nameof(Cores), Cores), (nameof(MemoryGiB), MemoryGiB),
                     (nameof(StorageGiB), StorageGiB), (nameof(Networks), Networks), (nameof(PublicIps), PublicIps),
                 })
            if (value is < 0 and not -1 || value is { } v && !double.IsFinite(v))
                yield return $"{section}:{key} must be a limit of 0 or more, -1 (no limit) or empty, not {value}";
    }

    private static T? Pick<T>(T? own, T? fallback) where T : struct => own ?? fallback;
}
