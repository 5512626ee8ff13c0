using System.Diagnostics.Metrics;
using Occi.Core.BackendContracts;
using Occi.Server.Backends;
using Polly.CircuitBreaker;

namespace Occi.Server.Telemetry;

/// <summary>
/// occi.backend.circuit.state: the state of the breaker every backend call goes through, read when scraped:
/// 0 closed, 1 half-open (one call let through to try), 2 open (calls refused with 503), 3 isolated by hand.
/// </summary>
internal sealed class BreakerGauge
{
    /// <param name="providers">With Occi:Providers (issue 19), every provider's breaker, tagged with the provider's name.</param>
    public BreakerGauge(IMeterFactory meters, ICloudBackend backend, ProviderSet? providers = null)
    {
        var breakers = backend is ResilientBackend resilient ? [resilient] : providers?.All.Select(p => p.Backend).ToArray() ?? [];
        if (breakers.Length == 0) return;
        var measurements = breakers.Select(b => (b, Tag: new KeyValuePair<string, object?>("occi.backend", b.Name))).ToArray();
        meters.Create(Instrumentation.Name).CreateObservableGauge("occi.backend.circuit.state",
            () => measurements.Select(m => new Measurement<int>(Level(m.b.BreakerState.CircuitState), m.Tag)), "{state}",
            "The backend's circuit breaker: 0 closed, 1 half-open, 2 open, 3 isolated");
    }

    public static int Level(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        CircuitState.Open => 2,
        _ => 3,
    };
}
