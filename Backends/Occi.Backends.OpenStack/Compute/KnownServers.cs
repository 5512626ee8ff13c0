using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Compute;

/// <summary>
/// Nova's servers as the gateway knows them (<see cref="KnownObjects{T}"/>, fed by <see cref="NovaChanges"/>): a
/// <see cref="ReadFreshness.Known"/> read answers from what is fresh, anything else asks Nova and remembers. A server
/// DELETED or SOFT_DELETED is gone. No status needs a settled flag: changes-since lists every change, deletion too.
/// </summary>
internal sealed class KnownServers(NovaClient nova, OpenStackOptions options, TimeProvider time)
{
    public KnownObjects<NovaServer> Cache { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time, isGone: ServerState.IsGone);

    public ValueTask<NovaServer?> GetAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        Cache.ReadAsync(id, freshness, (nova, credential), static (s, id, c) => s.nova.GetServerAsync(s.credential, id, c), ct);
}
