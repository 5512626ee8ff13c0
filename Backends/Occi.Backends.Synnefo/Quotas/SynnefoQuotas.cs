using Occi.Backends.Synnefo.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>
/// The caller's Astakos quotas for the gateway's quota view (<see cref="ICloudQuotas"/>): asked with the token the
/// caller acts with in Synnefo (<see cref="SynnefoIdentity"/>), read as the view's rows (<see cref="AstakosQuotaRows"/>).
/// A caller who acts with no token (none of their own and no Occi:Synnefo:Token) has no quota in Synnefo to show:
/// no rows. A refused token is the caller's 401, Astakos unreachable a 503, as for any call.
/// </summary>
internal sealed class SynnefoQuotas(SynnefoIdentity identity, AstakosQuotaClient astakos) : ICloudQuotas
{
    public async Task<IReadOnlyList<CloudQuota>> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Token is not { Length: > 0 } && identity.Service is null) return [];
        var token = await (await identity.ForAsync(caller, cancellationToken)).TokenAsync(cancellationToken);
        return AstakosQuotaRows.From(await astakos.QuotasAsync(token.Value, cancellationToken), token.UserId);
    }
}
