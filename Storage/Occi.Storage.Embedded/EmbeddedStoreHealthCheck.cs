using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Occi.Storage.Embedded;

/// <summary>
/// Reports the embedded store degraded while SQLite refuses journaled writes: the gateway still answers
/// and acknowledges writes (the journal holds them), but the journal grows until the cause (a full disk,
/// an I/O error) is fixed, and an operator should know.
/// </summary>
internal sealed class EmbeddedStoreHealthCheck(EmbeddedDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["pendingWrites"] = database.PendingWrites };
        return Task.FromResult(database.ApplyFailure is { } failure
            ? HealthCheckResult.Degraded(
                $"SQLite refuses the journaled writes ({database.PendingWrites} waiting in {database.Folder}): {failure.Message}", failure, data)
            : HealthCheckResult.Healthy($"{database.FilePath}: {database.PendingWrites} journaled writes on their way to SQLite", data));
    }
}
