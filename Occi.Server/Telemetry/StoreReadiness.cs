using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Occi.Core.StoreContracts;

namespace Occi.Server.Telemetry;

/// <summary>GET /readyz's store check (issue 17): the entity store answers a read within Occi:Telemetry:ReadyTimeoutSeconds.</summary>
internal sealed class StoreReadiness(IEntityStore store, IOptions<TelemetryOptions> options, TimeProvider time) : IHealthCheck
{
    /// <summary>Under the query interface's path, where no entity is ever stored.</summary>
    private const string Probe = "/-/readyz";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        ReadinessProbe.RunAsync("the entity store", options.Value.ReadyTimeoutSeconds, time, async ct =>
        {
            await store.GetAsync(Probe, ct);
            return "the entity store answers";
        }, cancellationToken);
}
