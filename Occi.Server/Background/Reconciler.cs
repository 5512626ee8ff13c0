using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Entities;

namespace Occi.Server.Background;

/// <summary>
/// Keeps backend and store in step. They cannot change in one transaction, so every create and delete
/// writes an intent first (<see cref="IntentOperation"/>). At start-up, before any request is served, the
/// open intents of operations a crash interrupted are finished: an interrupted delete is completed, an
/// interrupted create is rolled back in the backend (by the id the server gave it; deleting what is
/// gone succeeds). Then, at start and periodically, each kind's backend inventory is compared with the
/// store: entities the backend lost are marked <c>error</c> in the store, and backend entities the store
/// does not know are reported — deleted only when <c>Occi:Reconcile:DeleteOrphans</c> says so, since a
/// gateway never destroys a machine it cannot account for without being told to. Stored links whose source
/// or local target is gone (a store written by an older server, or by another process sharing it, whose link
/// create raced a delete: issue 11 item 5) are removed at start-up: a link without its end means nothing.
/// <para>Several gateways may share one store (issue 12 item 8): at start a gateway finishes only its own open
/// intents, and at start and periodically those whose writer has been silent past the lease
/// (<see cref="IntentOwnership"/>). Nothing here touches an entity an open intent names — its operation is
/// under way, in this gateway or another — so the intents are listed after the store is read.</para>
/// </summary>
internal sealed class Reconciler(
    ICloudBackend backend,
    IEntityStore store,
    IIntentStore intents,
    CategoryRegistry registry,
    IOptions<OcciOptions> options,
    TimeProvider clock,
    IntentOwnership ownership,
    ILogger<Reconciler> log) : BackgroundService
{
    /// <summary>The server acting by itself: every tenant's entities are its concern (<see cref="Tenancy.System"/>).</summary>
    private static readonly Caller Self = Tenancy.System;

    /// <summary>Made at start (<see cref="StartAsync"/>), waited on and disposed by <see cref="ExecuteAsync"/>.</summary>
    private PeriodicTimer? _sweeps;

    /// <summary>Runs when the host starts, before Kestrel accepts requests.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FinishOpenIntentsAsync(cancellationToken);
            await RemoveOrphanLinksAsync(cancellationToken);
            await SweepAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A backend that is down must not keep the gateway from starting; the next sweep tries again.
            log.LogWarning(e, "Start-up reconciliation with the {Backend} backend failed", backend.Name);
        }
        // The sweeps' cadence starts here, before the host reports itself started: .NET runs ExecuteAsync off the start
        // path, so a timer made there could start later than a clock moved right after start, and miss its first tick.
        _sweeps = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.Reconcile.IntervalSeconds)), clock);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _sweeps!;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FinishSilentIntentsAsync(stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Periodic reconciliation with the {Backend} backend failed", backend.Name);
            }
        }
    }

    /// <summary>At start: finishes this gateway's interrupted deletes and rolls back its interrupted creates, and those of gateways silent past the lease; returns how many intents it closed.</summary>
    public Task<int> FinishOpenIntentsAsync(CancellationToken ct) => FinishAsync(atStart: true, ct);

    /// <summary>While running: finishes the intents whose writer has been silent past the lease; returns how many it closed.</summary>
    public Task<int> FinishSilentIntentsAsync(CancellationToken ct) => FinishAsync(atStart: false, ct);

    private async Task<int> FinishAsync(bool atStart, CancellationToken ct)
    {
        var open = (await intents.ListOpenAsync(ct)).Where(i => ownership.MayFinish(i, atStart)).ToArray();
        foreach (var intent in open)
        {
            if (!ownership.IsOwn(intent))
                log.LogWarning("Finishing intent {Intent} of gateway {Instance}, silent since {CreatedAt}", intent.Id, intent.Instance, intent.CreatedAt);
            var record = await store.GetAsync(intent.Location, ct);
            switch (intent.Operation)
            {
                case IntentOperation.Delete when record is not null:
                    log.LogWarning("Finishing the interrupted delete of {Location}", intent.Location);
                    await backend.DeleteAsync(Self, record.Entity, ct);
                    await store.DeleteAsync(intent.Location, ct);
                    break;
                case IntentOperation.Create when record is null && CategoryId.TryParse(intent.Detail, out var kind):
                    // The server gave the entity its id; backends key what they make by it.
                    var id = IdOf(intent.Location);
                    log.LogWarning("Rolling back the interrupted create of {Location} in the {Backend} backend", intent.Location, backend.Name);
                    await backend.DeleteAsync(Self, Placeholder(kind, id, intent.BackendId ?? id), ct);
                    break;
            }
            await intents.CompleteAsync(intent.Id, ct);
        }
        return open.Length;
    }

    /// <summary>The entities open intents name (locations, backend ids): operations under way, here or in another gateway.</summary>
    private async Task<(HashSet<string> Locations, HashSet<string> BackendIds)> UnderWayAsync(CancellationToken ct)
    {
        var locations = new HashSet<string>(StringComparer.Ordinal);
        var backendIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var intent in await intents.ListOpenAsync(ct))
        {
            locations.Add(intent.Location);
            backendIds.Add(intent.BackendId ?? IdOf(intent.Location)); // a create's backend entity is keyed by the id the server gave it
        }
        return (locations, backendIds);
    }

    private static string IdOf(string location) => location[(location.LastIndexOf('/') + 1)..];

    /// <summary>Deletes (backend, then store) every stored link whose source or local target the store no longer has; returns their locations.</summary>
    public async Task<IReadOnlyList<string>> RemoveOrphanLinksAsync(CancellationToken ct)
    {
        var model = registry.Current;
        var linkKinds = model.Kinds.Where(k => model.IsLinkKind(k.Id)).Select(k => k.Id).ToArray();
        var removed = new List<string>();
        var links = await store.QueryAsync(new EntityQuery { Kinds = linkKinds }, ct);
        var underWay = (await UnderWayAsync(ct)).Locations;
        foreach (var record in links)
        {
            if (record.Entity is not Link link || await EndsExistAsync(link, ct)) continue;
            if (underWay.Contains(link.Location!) || underWay.Contains(link.Source) || underWay.Contains(link.Target)) continue;
            log.LogWarning("Removing link {Location}: its source {Source} or target {Target} no longer exists", link.Location, link.Source, link.Target);
            try
            {
                await backend.DeleteAsync(Self, link, ct);
            }
            catch (OcciException e) when (e.Kind != OcciErrorKind.Unavailable)
            {
                log.LogWarning(e, "The {Backend} backend refused to delete the orphan link {Location}; the store drops it all the same", backend.Name, link.Location);
            }
            await store.DeleteAsync(link.Location!, ct);
            removed.Add(link.Location!);
        }
        return removed;
    }

    private async Task<bool> EndsExistAsync(Link link, CancellationToken ct) =>
        await store.GetAsync(link.Source, ct) is not null
        && (!link.Target.StartsWith('/') || await store.GetAsync(link.Target, ct) is not null);

    /// <summary>Compares every kind's backend inventory with the store; returns the orphans found (backend ids by kind).</summary>
    public async Task<IReadOnlyList<(CategoryId Kind, string BackendId)>> SweepAsync(CancellationToken ct)
    {
        var orphans = new List<(CategoryId, string)>();
        var model = registry.Current;
        foreach (var kind in model.Kinds.Where(k => k.Location is not null))
        {
            HashSet<string> inventory;
            try
            {
                inventory = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var id in backend.InventoryAsync(kind.Id, ct)) inventory.Add(id);
            }
            catch (OcciException e) when (e.Kind is OcciErrorKind.BadRequest or OcciErrorKind.NotFound)
            {
                continue; // the backend does not manage this kind
            }
            var records = await store.QueryAsync(new EntityQuery { Kinds = [kind.Id] }, ct);
            // Listed after the store was read: an operation the store does not show yet still has its intent open.
            var underWay = await UnderWayAsync(ct);
            foreach (var r in records)
                if (r.Entity.BackendId is { } id && !inventory.Contains(id) && !underWay.Locations.Contains(r.Entity.Location!)) await MarkLostAsync(r, ct);
            var known = records.Select(r => r.Entity.BackendId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var id in inventory.Where(id => !known.Contains(id) && !underWay.BackendIds.Contains(id)))
            {
                orphans.Add((kind.Id, id));
                if (options.Value.Reconcile.DeleteOrphans)
                {
                    log.LogWarning("Deleting {Kind} {BackendId} from the {Backend} backend: the store does not know it", kind.Term, id, backend.Name);
                    await backend.DeleteAsync(Self, Placeholder(kind.Id, id, id), ct);
                }
                else
                {
                    log.LogWarning("The {Backend} backend has {Kind} {BackendId} that the store does not know (set Occi:Reconcile:DeleteOrphans to remove such)", backend.Name, kind.Term, id);
                }
            }
        }
        return orphans;
    }

    /// <summary>The backend no longer has it: record the resource in error so every client sees it.</summary>
    private async Task MarkLostAsync(EntityRecord record, CancellationToken ct)
    {
        if (!EntityState.MarkVanished(record.Entity)) return;
        log.LogWarning("{Location} is gone from the {Backend} backend; marking it error", record.Entity.Location, backend.Name);
        try
        {
            await store.PutAsync(record.Entity, record.Owner, record.Version, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict)
        {
            // Changed meanwhile; the next sweep looks again.
        }
    }

    private Entity Placeholder(CategoryId kind, string id, string backendId)
    {
        var entity = registry.Current.IsLinkKind(kind) ? (Entity)new Link() : new Resource();
        entity.Kind = kind;
        entity.Id = id;
        entity.BackendId = backendId;
        return entity;
    }
}
