using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure.Kinds;
using StorageKind = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Server.Entities;

/// <summary>
/// What counts against a tenant's quota (Occi:Quotas): computes with their cores and memory, storage sizes,
/// networks, and network interfaces to a public network (one whose id is "public": OOI's pool of public
/// addresses). Sizes are OCCI's (occi.compute.memory and occi.storage.size in GiB).
/// </summary>
internal readonly record struct QuotaUse(long Instances, long Cores, double MemoryGiB, double StorageGiB, long Networks, long PublicIps)
{
    public static readonly QuotaUse None = default;

    /// <summary>The id of the network whose interfaces are public addresses.</summary>
    public const string PublicNetworkId = "public";

    public bool IsNone => this == None;

    public static QuotaUse operator +(QuotaUse a, QuotaUse b) => new(a.Instances + b.Instances, a.Cores + b.Cores, a.MemoryGiB + b.MemoryGiB,
        a.StorageGiB + b.StorageGiB, a.Networks + b.Networks, a.PublicIps + b.PublicIps);

    public static QuotaUse operator -(QuotaUse a, QuotaUse b) => new(a.Instances - b.Instances, a.Cores - b.Cores, a.MemoryGiB - b.MemoryGiB,
        a.StorageGiB - b.StorageGiB, a.Networks - b.Networks, a.PublicIps - b.PublicIps);

    /// <summary>Only the growth: what a change adds (a shrink frees nothing before it is done).</summary>
    public QuotaUse Growth => new(Math.Max(0, Instances), Math.Max(0, Cores), Math.Max(0, MemoryGiB), Math.Max(0, StorageGiB),
        Math.Max(0, Networks), Math.Max(0, PublicIps));

    /// <summary>
    /// What an entity uses. <paramref name="previous"/> is the entity before a change: a resource template mixin it
    /// gains sets the cores and memory the change leaves as they were, as the backends apply templates.
    /// </summary>
    public static QuotaUse Of(Entity entity, Entity? previous, CategorySnapshot model)
    {
        if (entity.Kind == Compute.Kind.Id)
            return new(1, (long)Math.Ceiling(Size(entity, previous, Compute.Cores, model)), Size(entity, previous, Compute.Memory, model), 0, 0, 0);
        if (entity.Kind == StorageKind.Kind.Id) return new(0, 0, 0, Number(entity, StorageKind.Size) ?? 0, 0, 0);
        if (entity.Kind == Network.Kind.Id) return new(0, 0, 0, 0, 1, 0);
        if (entity is Link { Kind: var kind } link && kind == NetworkInterface.Kind.Id && IsPublicNetwork(link.Target)) return new(0, 0, 0, 0, 0, 1);
        return None;
    }

    /// <summary>What an action adds: a storage's resize its new size over the current one; other actions nothing.</summary>
    public static QuotaUse OfAction(Entity entity, OcciAction action, ActionInvocation invocation) =>
        action.Id == StorageKind.Resize.Id && invocation.Attributes.TryGet("size", out var size) && size.IsNumeric
            ? new(0, 0, 0, size.AsNumber - (Number(entity, StorageKind.Size) ?? 0), 0, 0)
            : None;

    private static bool IsPublicNetwork(string target) =>
        target.EndsWith("/" + PublicNetworkId, StringComparison.Ordinal);

    private static double Size(Entity entity, Entity? previous, string attribute, CategorySnapshot model)
    {
        var given = Number(entity, attribute);
        var unchanged = given is null || previous is not null && Number(previous, attribute) == given;
        if (unchanged)
        {
            foreach (var id in entity.Mixins)
            {
                if (previous is not null && previous.Mixins.Contains(id)) continue;
                if (model.FindMixin(id) is { } m && m.Attributes.TryGet(attribute, out var d) && d.Default is { IsNumeric: true } template)
                    return template.AsNumber;
            }
        }
        return given ?? 0;
    }

    private static double? Number(Entity entity, string attribute) =>
        entity.Attributes.TryGet(attribute, out var v) && v.IsNumeric ? v.AsNumber : null;

    public override string ToString() =>
        $"{Instances} instances, {Cores} cores, {MemoryGiB:0.##} GiB memory, {StorageGiB:0.##} GiB storage, {Networks} networks, {PublicIps} public IPs";
}
