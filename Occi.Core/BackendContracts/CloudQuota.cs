namespace Occi.Core.BackendContracts;

/// <summary>
/// One quota of the cloud in the gateway's terms: <paramref name="Name"/> is one of the quota view's names (the
/// constants here, in the view's units: GiB for memory and storage), <paramref name="Limit"/> null when the cloud sets
/// none, <paramref name="Used"/> what the cloud counts against it (the caller's own resources, whether made through the
/// gateway or not).
/// </summary>
public sealed record CloudQuota(string Name, double? Limit, double Used)
{
    public const string Instances = "instances";
    public const string Cores = "cores";
    public const string MemoryGiB = "memory_gib";
    public const string StorageGiB = "storage_gib";
    public const string Networks = "networks";
    public const string PublicIps = "public_ips";
}
