using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Occi.Server.Telemetry;

/// <summary>One call that must answer within Occi:Telemetry:ReadyTimeoutSeconds for GET /readyz; a failure or a timeout is the reason given.</summary>
internal static class ReadinessProbe
{
    /// <param name="what">What is probed, as the reason names it ("the local backend").</param>
    /// <param name="probe">Returns what the healthy answer says.</param>
    public static async Task<HealthCheckResult> RunAsync(string what, int seconds, TimeProvider time, Func<CancellationToken, Task<string>> probe, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        try
        {
            return HealthCheckResult.Healthy(await probe(linked.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{what} did not answer within {seconds} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{what} is unreachable: {e.Message}");
        }
    }
}
