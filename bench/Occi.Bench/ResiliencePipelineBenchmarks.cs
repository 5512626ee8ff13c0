using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Server.Hosting;

namespace Occi.Bench;

/// <summary>
/// Issue 13, goal 1: what the resilience pipeline every backend call goes through costs on a GET's refresh, in time
/// and bytes. Both backends come from the server's own container (<see cref="OcciServerApp.Build"/>): the configured
/// <see cref="ICloudBackend"/> (the pipeline around the local simulator) and the simulator itself, whose refresh
/// completes at once; the difference is the pipeline's. A GET passes the request's abort token, which can be
/// cancelled, so the timeout has a token to link: measured both with that and with none.
/// Not sealed: BenchmarkDotNet derives its runner from this class.
/// </summary>
[MemoryDiagnoser]
public class ResiliencePipelineBenchmarks
{
    private readonly CancellationTokenSource _aborted = new();
    private WebApplication _app = null!;
    private string _dataPath = null!;
    private ICloudBackend _resilient = null!;
    private ICloudBackend _simulator = null!;
    private Entity _compute = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "occi-pipeline-bench-" + Guid.NewGuid().ToString("N"));
        Type? simulatorType = null;
        _app = OcciServerApp.Build(["--Occi:DataPath", _dataPath, "--Logging:LogLevel:Default", "Warning"],
            services => simulatorType = services.Single(d => d.ServiceType.Name == "LocalBackend").ServiceType);
        _resilient = _app.Services.GetRequiredService<ICloudBackend>();
        _simulator = (ICloudBackend)_app.Services.GetRequiredService(simulatorType!);
        if (ReferenceEquals(_resilient, _simulator)) throw new InvalidOperationException("the configured backend is not wrapped");
        _compute = await _resilient.CreateAsync(Caller.Anonymous,
            new Resource { Id = "bench", Kind = Compute.Kind.Id, Location = "/compute/bench" }, CancellationToken.None);
        if (!await _resilient.RefreshAsync(Caller.Anonymous, _compute, ReadFreshness.Live, CancellationToken.None)) throw new InvalidOperationException("no compute to refresh");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
    }

    /// <summary>The simulator's refresh alone.</summary>
    [Benchmark(Baseline = true)]
    public Task<bool> Simulator() => _simulator.RefreshAsync(Caller.Anonymous, _compute, ReadFreshness.Live, _aborted.Token);

    /// <summary>The same refresh through the pipeline, with a request's cancellable token.</summary>
    [Benchmark]
    public Task<bool> ThroughPipeline() => _resilient.RefreshAsync(Caller.Anonymous, _compute, ReadFreshness.Live, _aborted.Token);

    /// <summary>The same, with a token that cannot be cancelled (nothing for the timeout to link).</summary>
    [Benchmark]
    public Task<bool> ThroughPipelineNoToken() => _resilient.RefreshAsync(Caller.Anonymous, _compute, ReadFreshness.Live, CancellationToken.None);
}
