using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using StorageKind = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Server.Entities;

/// <summary>
/// Occi:Quotas, checked atomically (issue 14): a create, a resize or a template change first reserves what it
/// adds. Under the tenant's gate, the tenant's use is read from the store, the reservations of its operations
/// still in flight are added, and the request must fit every limit; the reservation then holds until the
/// operation is stored or failed (<see cref="Reservation.Dispose"/>). So two creates racing for the last unit
/// never both pass: the second sees the first's reservation. Until the first's reservation is released its
/// entity may count twice (stored and reserved), which can refuse a racing request, never admit one too many.
/// A tenant without limits costs nothing: no gate, no store read.
/// </summary>
internal sealed class TenantQuotas(IEntityStore store, IOptions<QuotaOptions> options, CategoryRegistry registry)
{
    private readonly ConcurrentDictionary<string, Ledger> _ledgers = new(StringComparer.Ordinal);

    /// <summary>Reserves <paramref name="request"/> for <paramref name="tenant"/>, or throws 409 naming the limit, the use and the request.</summary>
    public async Task<Reservation> ReserveAsync(string? tenant, QuotaUse request, CancellationToken ct)
    {
        request = request.Growth;
        if (tenant is null || request.IsNone) return Reservation.Nothing;
        var limits = options.Value.For(tenant);
        if (limits.IsUnlimited) return Reservation.Nothing;
        var ledger = _ledgers.GetOrAdd(tenant, _ => new Ledger());
        await ledger.Gate.WaitAsync(ct);
        try
        {
            var used = await UsedAsync(tenant, ct) + ledger.Pending;
            if (Exceeded(limits, used, request) is { } refusal)
                throw OcciException.Conflict($"quota exceeded for tenant {tenant}: {refusal}; nothing was changed");
            ledger.Add(request);
            return new Reservation(ledger, request);
        }
        finally
        {
            ledger.Gate.Release();
        }
    }

    /// <summary>The tenant's limits and what its stored entities use (GET /-/quota).</summary>
    public async Task<(QuotaLimits Limits, QuotaUse Used)> ReportAsync(string tenant, CancellationToken ct) =>
        (options.Value.For(tenant), await UsedAsync(tenant, ct));

    /// <summary>What the tenant's stored entities use: its computes, storages, networks and network interfaces.</summary>
    public async Task<QuotaUse> UsedAsync(string tenant, CancellationToken ct)
    {
        var model = registry.Current;
        var records = await store.QueryAsync(new EntityQuery
        {
            Owner = tenant,
            Kinds = [Compute.Kind.Id, StorageKind.Kind.Id, Network.Kind.Id, NetworkInterface.Kind.Id],
        }, ct);
        var used = QuotaUse.None;
        foreach (var r in records) used += QuotaUse.Of(r.Entity, null, model);
        return used;
    }

    /// <summary>The first limit <paramref name="request"/> on top of <paramref name="used"/> would pass, said with both; null when all hold.</summary>
    internal static string? Exceeded(QuotaLimits limits, QuotaUse used, QuotaUse request)
    {
        string? Check(string key, double? limit, double inUse, double asked) =>
            asked > 0 && QuotaLimits.Limit(limit) is { } max && inUse + asked > max
                ? $"{key} limit {max:0.##}, in use {inUse:0.##}, requested {asked:0.##}"
                : null;
        return Check(nameof(QuotaLimits.Instances), limits.Instances, used.Instances, request.Instances)
            ?? Check(nameof(QuotaLimits.Cores), limits.Cores, used.Cores, request.Cores)
            ?? Check(nameof(QuotaLimits.MemoryGiB), limits.MemoryGiB, used.MemoryGiB, request.MemoryGiB)
            ?? Check(nameof(QuotaLimits.StorageGiB), limits.StorageGiB, used.StorageGiB, request.StorageGiB)
            ?? Check(nameof(QuotaLimits.Networks), limits.Networks, used.Networks, request.Networks)
            ?? Check(nameof(QuotaLimits.PublicIps), limits.PublicIps, used.PublicIps, request.PublicIps);
    }

    /// <summary>One tenant's gate and the reservations of its operations in flight.</summary>
    internal sealed class Ledger
    {
        private readonly Lock _lock = new();
        private QuotaUse _pending;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public QuotaUse Pending
        {
            get { lock (_lock) return _pending; }
        }

        public void Add(QuotaUse use)
        {
            lock (_lock) _pending += use;
        }

        public void Release(QuotaUse use)
        {
            lock (_lock) _pending -= use;
        }
    }

    /// <summary>A reservation held until the operation's outcome is stored (or it failed); disposing releases it.</summary>
    internal sealed class Reservation(Ledger? ledger, QuotaUse use) : IDisposable
    {
        public static readonly Reservation Nothing = new(null, QuotaUse.None);
        private int _released;

        public void Dispose()
        {
            if (ledger is null || Interlocked.Exchange(ref _released, 1) == 1) return;
            ledger.Release(use);
        }
    }
}
