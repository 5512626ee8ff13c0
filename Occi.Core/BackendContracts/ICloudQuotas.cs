namespace Occi.Core.BackendContracts;

/// <summary>
/// What a backend whose cloud keeps quotas of its own (Synnefo's Astakos) registers beside its <see cref="ICloudBackend"/>:
/// the caller's limits and use as that cloud counts them, which the server shows in its quota view (GET /-/quota)
/// beside Occi:Quotas. Optional: a backend whose cloud keeps none registers nothing. The cloud still refuses what
/// passes its quota itself (409 naming the resource); this only lets a client see where it stands.
/// </summary>
public interface ICloudQuotas
{
    /// <summary>The caller's quotas in the gateway's names (<see cref="CloudQuota"/>), those the cloud has.</summary>
    Task<IReadOnlyList<CloudQuota>> ForAsync(Caller caller, CancellationToken cancellationToken);
}
