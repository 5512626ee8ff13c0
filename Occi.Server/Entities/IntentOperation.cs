using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>
/// The writes an intent brackets. Backend and store cannot change in one transaction, so a create or delete
/// writes an intent first and closes it when both are done; one a crash left open is finished at the next
/// start (Background/Reconciler).
/// </summary>
internal static class IntentOperation
{
    public const string Create = "create";
    public const string Delete = "delete";

    /// <summary>The intent of <paramref name="operation"/> on <paramref name="entity"/>, at its location, with its kind as the detail.</summary>
    public static Intent For(string operation, Entity entity, string? backendId, Caller caller, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("N"), operation, entity.Location!, backendId, caller.Tenant, now, entity.Kind.Identity);
}
