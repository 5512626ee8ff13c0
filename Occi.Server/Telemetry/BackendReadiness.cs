using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Server.Backends;
using Polly.CircuitBreaker;

namespace Occi.Server.Telemetry;

/// <summary>
/// GET /readyz's backend check (issue 17): not ready while the circuit breaker holds calls off (the cloud failed
/// too often of late), nor when the backend does not describe itself within Occi:Telemetry:ReadyTimeoutSeconds.
/// </summary>
internal sealed class BackendReadiness(ICloudBackend backend, IOptions<TelemetryOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (backend is ResilientBackend { BreakerState.CircuitState: CircuitState.Open or CircuitState.Isolated })
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"the {backend.Name} backend's circuit breaker is open: its calls failed too often and are held off for a while"));
        return ReadinessProbe.RunAsync($"the {backend.Name} backend", options.Value.ReadyTimeoutSeconds, time, async ct =>
        {
            var capabilities = await backend.DescribeAsync(ct);
            return $"the {backend.Name} backend answers ({capabilities.Kinds.Count} kinds, {capabilities.Mixins.Count} mixins)";
        }, cancellationToken);
    }
}
