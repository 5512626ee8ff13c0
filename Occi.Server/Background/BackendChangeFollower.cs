using Occi.Core.BackendContracts;
using Occi.Core.StoreContracts;
using Occi.Server.Entities;

namespace Occi.Server.Background;

/// <summary>
/// Writes what the backend saw change in its cloud (<see cref="IBackendChanges"/>, OpenStack's change follower) into
/// the store, so a listing, which renders stored entities, shows the cloud's state within the backend's staleness
/// bound without a GET of each entity. Each changed object's entity is found by its backend id (an index of the
/// store), refreshed as <see cref="Tenancy.System"/> from what the backend knows, and written with the version read:
/// a client's write that came first wins and is never lost. Inert when the backend announces nothing (Local, Libvirt).
/// </summary>
internal sealed class BackendChangeFollower(IServiceProvider services, IEntityStore store, EntityReader reader, ILogger<BackendChangeFollower> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IBackendChanges>() is not { } changes) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var change in await changes.NextAsync(stoppingToken)) await WriteAsync(change, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(BackendChange change, CancellationToken ct)
    {
        try
        {
            var query = new EntityQuery { BackendId = change.BackendId, Kinds = [change.Kind] };
            foreach (var record in await store.QueryAsync(query, ct))
                await reader.RefreshStoredAsync(Tenancy.System, record, ReadFreshness.Known, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The next change of the object, or the next GET of its entity, brings the state; nothing is lost here.
            log.LogDebug("The change of {Kind} {BackendId} was not written to the store: {Message}", change.Kind, change.BackendId, e.Message);
        }
    }
}
