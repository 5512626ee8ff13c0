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
    public BreakerGauge(IMeterFactory meters, ICloudBackend backend)
    {
        if (backend is not ResilientBackend resilient) return;
        var tag = new KeyValuePair<string, object?>("occi.backend", resilient.Name);
        meters.Create(Instrumentation.Name).CreateObservableGauge("occi.backend.circuit.state",
            () => new Measurement<int>(Level(resilient.BreakerState.CircuitState), tag), "{state}",
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
