using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>
/// Deletes entities: one (DELETE on its location), or every one the caller sees below a path (name-space and
/// kind collection DELETE). A resource goes with every link from or to it, under its gate, so no link can be
/// made to it meanwhile (issue 11 item 5). Each goes from the backend, then the store, bracketed by an intent.
/// </summary>
internal sealed class EntityDeleter(ICloudBackend backend, IEntityStore store, IIntentStore intents, IIntentCloser completion,
    VisibleEntities visible, LocationGates gates, TimeProvider clock)
{
    public async Task DeleteAsync(Caller caller, string location, WriteCondition condition, CancellationToken ct)
    {
        using var held = await gates.EnterAsync(location, ct);
        var record = await visible.FindAsync(caller, location, ct);
        condition.Check(record, location);
        await DeleteRecordAsync(caller, record, ct);
    }

    /// <summary>Deletes every visible entity below a path (name-space DELETE, kind collection DELETE); links go first.</summary>
    public async Task<int> DeleteAllAsync(Caller caller, EntityQuery query, CancellationToken ct)
    {
        var records = await store.QueryAsync(query with { Owner = VisibleEntities.OwnerFilter(caller) }, ct);
        var count = 0;
        foreach (var r in records.OrderBy(r => r.Entity is Link ? 0 : 1))
        {
            using var held = await gates.EnterAsync(r.Entity.Location!, ct);
            if (await store.GetAsync(r.Entity.Location!, ct) is not { } fresh) continue; // a resource's delete took its links
            await DeleteRecordAsync(caller, fresh, ct);
            count++;
        }
        return count;
    }

    /// <summary>A resource with every link from or to it; the caller holds the resource's gate, so no new link can appear meanwhile.</summary>
    private async Task DeleteRecordAsync(Caller caller, EntityRecord record, CancellationToken ct)
    {
        var entity = record.Entity;
        if (entity is Resource)
        {
            var links = (await store.QueryAsync(new EntityQuery { LinkSource = entity.Location }, ct))
                .Concat(await store.QueryAsync(new EntityQuery { LinkTarget = entity.Location }, ct));
            foreach (var l in links.DistinctBy(l => l.Entity.Location)) await DeleteOneAsync(caller, l.Entity, ct);
        }
        await DeleteOneAsync(caller, entity, ct);
    }

    /// <summary>Backend, then store, bracketed by an intent so a crash between them is finished at start-up.</summary>
    private async Task DeleteOneAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var intent = IntentOperation.For(IntentOperation.Delete, entity, entity.BackendId, caller, clock.GetUtcNow());
        await intents.WriteAsync(intent, ct);
        try
        {
            await backend.DeleteAsync(caller, entity, ct);
        }
        catch (OcciException e) when (e.Kind != OcciErrorKind.Unavailable || e.NotAttempted)
        {
            // The backend refused, or the open breaker held the call off: the entity stays, in backend and store
            // alike, so nothing is left to finish (an open intent would delete it at the next start after a 503).
            completion.Complete(intent.Id);
            throw;
        }
        await store.DeleteAsync(entity.Location!, CancellationToken.None);
        completion.Complete(intent.Id);
    }
}
