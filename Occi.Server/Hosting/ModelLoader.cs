using Microsoft.Extensions.Options;
using Occi.Core.Backends;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.Storage;

namespace Occi.Server.Hosting;

/// <summary>
/// At start-up, fills the registry with what the backend offers (its kinds, actions and mixins, so the
/// query interface shows exactly what it can do) and the user mixins kept in the store. Hosted
/// services start before Kestrel accepts requests, so no request sees an empty model. Afterwards the
/// user mixins are re-read every Occi:ModelRefreshSeconds, so gateways sharing one store (MongoDB)
/// see the mixins the others added or removed without a restart.
/// </summary>
internal sealed class ModelLoader(ICloudBackend backend, ICategoryStore categories, CategoryRegistry registry,
    IOptions<OcciOptions> options, ILogger<ModelLoader> log) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var capabilities = await backend.DescribeAsync(cancellationToken);
        registry.Add(capabilities.All.ToArray());
        var added = await SyncUserMixinsAsync(cancellationToken);
        log.LogInformation("OCCI model ready: {Kinds} kinds, {Mixins} mixins from the {Backend} backend, {UserMixins} user mixins",
            capabilities.Kinds.Count, capabilities.Mixins.Count, backend.Name, added);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.ModelRefreshSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SyncUserMixinsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Re-reading the user mixins from the store failed");
            }
        }
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
            fresh.Add(new Mixin(loaded.Scheme, loaded.Term, loaded.Title, loaded.Location,
                loaded.Depends.Select(d => model.FindMixin(d.Id) ?? stored.FirstOrDefault(s => s.Id == d.Id) ?? d),
                loaded.Applies, loaded.Attributes, loaded.Actions, isUserDefined: true));
        }
        if ((gone.Length > 0 || fresh.Count > 0) && !registry.TryUpdate(model, gone, fresh))
            log.LogDebug("User mixins changed on this gateway while the store was read; the next round syncs them");
        return registry.Current.Mixins.Count(m => m.IsUserDefined);
    }
}
