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
    VisibleEntities visible, LocationGates gates, TimeProvider clock, ILogger<EntityDeleter> log)
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
            // Both ends at once: with MongoDB each query is a round trip, the embedded store answers both from its
            // indexes (0.01 ms each, measured), so one "from or to" condition in every store's contract would buy nothing more.
            var ends = await Task.WhenAll(
                store.QueryAsync(new EntityQuery { LinkSource = entity.Location }, ct),
                store.QueryAsync(new EntityQuery { LinkTarget = entity.Location }, ct));
            foreach (var l in ends[0].Concat(ends[1]).DistinctBy(l => l.Entity.Location)) await DeleteOneAsync(caller, l.Entity, ct);
        }
        await DeleteOneAsync(caller, entity, ct);
    }

    /// <summary>
    /// Backend, then store, bracketed by an intent so a crash between them is finished at start-up. The intent is
    /// written while the backend's call is in flight, not before it goes out (issue 15: a delete within 10 % of Nova's
    /// own), so its write — an fsync with Occi:Embedded:DurableCommits, a round trip with MongoDB — is off the path of
    /// the call the client waits for.
    /// </summary>
    /// <remarks>
    /// Why that is crash-safe: the intent exists to finish a delete a crash cut between backend and store
    /// (Background/Reconciler), so it must be on record before the store delete, and it is. A crash before it is on
    /// record leaves the store's entity: if the backend's delete went through, that is an entity the backend lost,
    /// which reconciliation already marks error and a repeated DELETE removes (deleting what is gone succeeds); if
    /// not, nothing changed. The write is awaited before the backend's outcome counts, so an intent is never closed
    /// before it is written (a write landing after its close would stay open and delete a kept entity at the next
    /// start). A create keeps its intent before its call: a crash there would leave a machine no record names.
    /// </remarks>
    private async Task DeleteOneAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var intent = IntentOperation.For(IntentOperation.Delete, entity, entity.BackendId, caller, clock.GetUtcNow());
        var deleting = backend.DeleteAsync(caller, entity, ct);
        await RecordAsync(intent);
        try
        {
            await deleting;
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

    /// <summary>
    /// Writes the intent. When the intent store refuses, the backend's call is already out, so its outcome decides the
    /// answer: a delete it made is finished in the store (a 2xx is the truth: gone from both), one it refused is the
    /// client's error as before. The intent is closed either way (closing one not on record changes nothing): a write
    /// that failed may still have landed, and an intent left open would delete a kept entity at the next start. For
    /// the same reason the write is not cancelled with the request.
    /// </summary>
    private async Task RecordAsync(Intent intent)
    {
        try
        {
            await intents.WriteAsync(intent, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning("The intent of the delete of {Location} could not be written ({Message}); a crash before the store's delete leaves it for reconciliation",
                intent.Location, e.Message);
        }
    }
}
