using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Occi.Server.Backends;

namespace Occi.Server.Telemetry;

/// <summary>
/// GET /readyz's check of one provider of <c>Occi:Providers</c> (issue 19): <see cref="BackendReadiness"/> on its own
/// pipeline. A provider that does not answer makes the gateway Degraded, not unready: the other providers still serve,
/// and only its entities answer 503.
/// </summary>
internal sealed class ProviderReadiness(Provider provider, IOptions<TelemetryOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await new BackendReadiness(provider.Backend, options, time).CheckHealthAsync(context, cancellationToken);
        return result.Status == HealthStatus.Healthy
            ? result
            : new HealthCheckResult(HealthStatus.Degraded, $"provider {provider.Name}: {result.Description}", result.Exception, result.Data);
    }
}
