using Microsoft.Extensions.Diagnostics.HealthChecks;
using Occi.Core;

namespace Occi.Backends.Libvirt;

/// <summary>
/// "libvirt" in /health: unhealthy, with the reason, when the host cannot be reached or the storage pools the
/// configuration names (or leaves to be chosen) do not fit it; the message names the pools the host has.
/// </summary>
internal sealed class LibvirtHealthCheck(LibvirtBackend backend) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy(await backend.CheckPoolsAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OcciException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
