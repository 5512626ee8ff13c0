namespace Occi.Core.StoreContracts;

/// <summary>
/// A promise written to the store before the server asks the backend to change what exists (create,
/// delete, an action), and completed once the store reflects the backend's answer. The backend and the
/// store cannot change in one transaction; an intent still open after a restart names an operation a
/// crash interrupted, which the server reconciles by asking the backend what became of it.
/// </summary>
/// <param name="Id">Unique; the server makes it (a UUID).</param>
/// <param name="Operation">What was about to happen, e.g. "create", "delete", or an action identity.</param>
/// <param name="Location">The entity's location.</param>
/// <param name="BackendId">The backend's id, when already known (delete, action).</param>
/// <param name="Owner">The tenant on whose behalf it runs.</param>
/// <param name="CreatedAt">When the intent was written; stores keep it to the millisecond.</param>
/// <param name="Detail">Anything else the reconciler needs (free text, e.g. the rendered request).</param>
/// <param name="Instance">The gateway instance that wrote it (<c>Occi:InstanceId</c>), so gateways sharing a store finish only
/// their own interrupted operations, or those of an instance silent past the lease; null from gateways before instances.</param>
public sealed record Intent(string Id, string Operation, string Location, string? BackendId, string? Owner, DateTimeOffset CreatedAt, string? Detail = null, string? Instance = null);
