using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// Cyclades' servers as the gateway knows them, in the OpenStack backend's read cache (<see cref="KnownObjects{T}"/>),
/// fed by <see cref="CycladesChanges"/>: a <see cref="ReadFreshness.Known"/> read answers from what is at most
/// Occi:Synnefo:StalenessSeconds old, anything else asks Cyclades and remembers. A DELETED server is gone. With
/// StalenessSeconds 0 nothing is kept: every read asks Cyclades.
/// </summary>
internal sealed class KnownServers(CycladesClient cyclades, SynnefoOptions options, TimeProvider time)
{
    public KnownObjects<CycladesServer> Cache { get; } = new(TimeSpan.FromSeconds(options.StalenessSeconds), time, isGone: ServerStatus.IsGone);

    /// <summary>False when the operator turned the cache off (StalenessSeconds 0).</summary>
    public bool Enabled { get; } = options.StalenessSeconds > 0;

    public ValueTask<CycladesServer?> GetAsync(ICredential credential, string id, ReadFreshness freshness, CancellationToken ct) =>
        Cache.ReadAsync(id, Enabled ? freshness : ReadFreshness.Live, (cyclades, credential), static (s, id, c) => s.cyclades.GetServerAsync(s.credential, id, c), ct);
}
