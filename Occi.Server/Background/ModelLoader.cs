using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;

namespace Occi.Server.Background;

/// <summary>
/// At start-up, fills the registry with what the backend offers (its kinds, actions and mixins, so the
/// query interface shows exactly what it can do) and the user mixins kept in the store. Hosted
/// services start before Kestrel accepts requests, so no request sees an empty model. Afterwards, every
/// Occi:ModelRefreshSeconds, the backend's mixins and the user mixins are read again: images a site adds
/// or retires (cloudkeeper syncing AppDB images, a compute's save) come and go as os_tpl mixins, and
/// gateways sharing one store (MongoDB) see the user mixins the others added or removed, without a restart.
/// </summary>
internal sealed class ModelLoader(ICloudBackend backend, ICategoryStore categories, CategoryRegistry registry,
    IOptions<OcciOptions> options, TimeProvider clock, ILogger<ModelLoader> log, ModelRefreshMetrics metrics) : BackgroundService
{
    /// <summary>The mixins the backend offered when last asked; only these are withdrawn when it stops offering them.</summary>
    private HashSet<CategoryId> _offered = [];

    /// <summary>Made at start (<see cref="StartAsync"/>), waited on and disposed by <see cref="ExecuteAsync"/>.</summary>
    private PeriodicTimer? _refresh;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var capabilities = await backend.DescribeAsync(cancellationToken);
        registry.Add(capabilities.All.ToArray());
        _offered = capabilities.Mixins.Select(m => m.Id).ToHashSet();
        var added = await SyncUserMixinsAsync(cancellationToken);
        log.LogInformation("OCCI model ready: {Kinds} kinds, {Mixins} mixins from the {Backend} backend, {UserMixins} user mixins",
            capabilities.Kinds.Count, capabilities.Mixins.Count, backend.Name, added);
        // The refresh's cadence starts here, with the model loaded and before the host reports itself started: .NET runs
        // ExecuteAsync off the start path, so a timer made there could start later than a clock moved right after start.
        _refresh = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.ModelRefreshSeconds)), clock);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _refresh!;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await SyncBackendMixinsAsync(stoppingToken);
                metrics.Record("backend", started, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.Record("backend", started, failed: true);
                log.LogWarning(e, "Asking the {Backend} backend for its mixins (templates) failed", backend.Name);
            }
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await SyncUserMixinsAsync(stoppingToken);
                metrics.Record("store", started, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.Record("store", started, failed: true);
                log.LogWarning(e, "Re-reading the user mixins from the store failed");
            }
        }
    }

    /// <summary>
    /// Adds the mixins the backend offers now and did not before, and withdraws those it offered and no
    /// longer does; kinds and actions are fixed at start. Returns how many mixins changed. Like the user
    /// mixins' sync, the change applies only if the registry did not change while the backend was asked.
    /// </summary>
    public async Task<int> SyncBackendMixinsAsync(CancellationToken ct)
    {
        var model = registry.Current;
        var offered = (await backend.DescribeAsync(ct)).Mixins;
        var now = offered.Select(m => m.Id).ToHashSet();
        var withdrawn = _offered.Where(id => !now.Contains(id) && model.Find(id) is Mixin { IsUserDefined: false }).ToArray();
        var fresh = new List<Category>();
        foreach (var mixin in offered)
        {
            if (model.Find(mixin.Id) is not null) continue;
            if (mixin.Location is not null && model.FindByLocation(mixin.Location) is { } holder && !withdrawn.Contains(holder.Id))
            {
                log.LogWarning("The {Backend} backend offers mixin {Mixin} at {Location}, which {Holder} already uses; it is not added",
                    backend.Name, mixin.Id, mixin.Location, holder.Id);
                continue;
            }
            fresh.Add(mixin);
        }
        if (withdrawn.Length == 0 && fresh.Count == 0)
        {
            _offered = now;
            return 0;
        }
        if (!registry.TryUpdate(model, withdrawn, fresh))
        {
            log.LogDebug("The model changed while the backend was asked for its mixins; the next round syncs them");
            return 0;
        }
        _offered = now;
        log.LogInformation("The {Backend} backend now offers {Added} more and {Withdrawn} fewer mixins: {Changes}", backend.Name,
            fresh.Count, withdrawn.Length, string.Join(", ", fresh.Select(m => "+" + m.Id).Concat(withdrawn.Select(id => "-" + id))));
        return fresh.Count + withdrawn.Length;
    }

    /// <summary>
    /// Makes the registry's user mixins those of the store; returns how many the registry now has. The
    /// change is decided against the snapshot taken before reading the store and applied only if the
    /// registry is still that snapshot: a user mixin this gateway added or removed while the store was being
    /// read is not undone by the stale list (the next round reads the store afresh).
    /// </summary>
    public async Task<int> SyncUserMixinsAsync(CancellationToken ct)
    {
        var model = registry.Current;
        var stored = await categories.ListUserMixinsAsync(ct);
        var current = model.Mixins.Where(m => m.IsUserDefined).ToDictionary(m => m.Id);
        var storedIds = stored.Select(m => m.Id).ToHashSet();

        var gone = current.Keys.Where(id => !storedIds.Contains(id)).ToArray();
        var fresh = new List<Category>();
        foreach (var loaded in stored)
        {
            if (current.ContainsKey(loaded.Id)) continue;
            if (model.Find(loaded.Id) is not null
                || (loaded.Location is not null && model.FindByLocation(loaded.Location) is { } holder && !gone.Contains(holder.Id)))
            {
                log.LogWarning("Stored user mixin {Mixin} clashes with a category the {Backend} backend offers; it is not loaded", loaded.Id, backend.Name);
                continue;
            }
            // A stored mixin's depends may come back as placeholders (scheme and term only): use the model's own.
            var depends = loaded.Depends.Select(d => model.FindMixin(d.Id) ?? stored.FirstOrDefault(s => s.Id == d.Id) ?? d);
            fresh.Add(new Mixin(loaded.Scheme, loaded.Term, loaded.Title, loaded.Location, depends, loaded.Applies, loaded.Attributes, loaded.Actions,
                isUserDefined: true, owner: loaded.Owner));
        }
        if ((gone.Length > 0 || fresh.Count > 0) && !registry.TryUpdate(model, gone, fresh))
            log.LogDebug("User mixins changed on this gateway while the store was read; the next round syncs them");
        return registry.Current.Mixins.Count(m => m.IsUserDefined);
    }
}
