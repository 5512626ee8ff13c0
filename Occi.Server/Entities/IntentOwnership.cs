using Microsoft.Extensions.Options;
using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>
/// Which gateway an intent belongs to, so several gateways can share one store (issue 12 item 8). Every
/// intent carries the instance that wrote it (<c>Occi:InstanceId</c>; by default the host name and the full
/// data path, which differ between gateways that do not share a machine and a folder). At start a gateway
/// finishes its own open intents — whatever it was doing when it stopped — and leaves the others' alone,
/// since their writers may be in the middle of them. An intent is its writer's lease: completing it is the
/// renewal, and an operation never runs longer than the backend's bounded calls, so an intent still open
/// after <c>Occi:Reconcile:IntentLeaseSeconds</c> means its writer went silent (it crashed, or lost the
/// completion) and any gateway may finish it. Intents of gateways from before instances count as one's own.
/// </summary>
internal sealed class IntentOwnership(IOptions<OcciOptions> options, TimeProvider clock)
{
    public string InstanceId { get; } = InstanceOf(options.Value);

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.Reconcile.IntentLeaseSeconds);

    /// <summary><c>Occi:InstanceId</c>, or the host name and the full data path when it is empty.</summary>
    public static string InstanceOf(OcciOptions options) =>
        string.IsNullOrWhiteSpace(options.InstanceId) ? $"{Environment.MachineName}:{Path.GetFullPath(options.DataPath)}" : options.InstanceId;

    /// <summary>The intent as this instance writes it: marked with its id unless it names a writer already.</summary>
    public Intent Stamp(Intent intent) => intent.Instance is null ? intent with { Instance = InstanceId } : intent;

    public bool IsOwn(Intent intent) => intent.Instance is null || string.Equals(intent.Instance, InstanceId, StringComparison.Ordinal);

    /// <summary>At start, one's own intents; at any time, an intent whose writer has been silent past the lease.</summary>
    public bool MayFinish(Intent intent, bool atStart) => atStart && IsOwn(intent) || clock.GetUtcNow() - intent.CreatedAt >= Lease;
}
