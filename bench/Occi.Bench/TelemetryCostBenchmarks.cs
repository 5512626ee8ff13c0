using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Server.Hosting;

namespace Occi.Bench;

/// <summary>
/// Issue 17: what telemetry costs on GET one compute, with metrics on (the server's default) and off, and which
/// part costs what: the whole request through the server's pipeline (<see cref="InProcessServer"/>, no socket), and
/// the two calls a GET of one compute makes below it, each taken from the server's own container as the endpoint
/// gets them — the store's read (counted as an immediate answer, or timed, by the measured store when on) and the
/// backend's refresh (through the resilience pipeline, counted or timed per attempt when on). The request's id and
/// metric are the whole request's difference less those two. Not sealed: BenchmarkDotNet derives its runner from it.
/// </summary>
[MemoryDiagnoser]
public class TelemetryCostBenchmarks
{
    private const string Host = "occi.example.org";

    private readonly InProcessServer _server = new();
    private WebApplication _occi = null!;
    private string _dataPath = null!;
    private InProcessServer.Connection _get = null!;
    private IEntityStore _store = null!;
    private ICloudBackend _backend = null!;
    private Entity _compute = null!;
    private string _location = null!;

    /// <summary>Occi:Telemetry:Metrics ("on" is the default); traces stay off either way.</summary>
    [Params("on", "off")]
    public string Telemetry { get; set; } = "on";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "occi-telemetry-bench-" + Guid.NewGuid().ToString("N"));
        _occi = OcciServerApp.Build(["--Occi:DataPath", _dataPath, "--Logging:LogLevel:Default", "Warning",
            "--Occi:Telemetry:Metrics", Telemetry == "on" ? "true" : "false"], services => services.AddSingleton<IServer>(_server));
        await _occi.StartAsync();
        var create = _server.Connect("POST", "/compute/", ("Host", Host), ("Content-Type", "text/plain"));
        create.SetBody(Encoding.UTF8.GetBytes("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + "X-OCCI-Attribute: occi.core.title=\"bench\"\nX-OCCI-Attribute: occi.compute.cores=2\n"));
        await _server.SendAsync(create);
        if (create.Status != 201) throw new InvalidOperationException($"create answered {create.Status}");
        _location = new Uri(create.ResponseHeaders.Location.ToString()).AbsolutePath;
        _get = _server.Connect("GET", _location, ("Host", Host), ("Accept", "text/plain"));
        await _server.SendAsync(_get);
        if (_get.Status != 200) throw new InvalidOperationException($"GET {_location} answered {_get.Status}");
        _store = _occi.Services.GetRequiredService<IEntityStore>();
        _backend = _occi.Services.GetRequiredService<ICloudBackend>();
        _compute = (await _store.GetAsync(_location, CancellationToken.None))?.Entity ?? throw new InvalidOperationException("the compute is not stored");
        var measured = _store.GetType().Name.Contains("Measured", StringComparison.Ordinal);
        if (measured != (Telemetry == "on")) throw new InvalidOperationException($"telemetry {Telemetry} but the store is {_store.GetType().Name}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _occi.StopAsync();
        await _occi.DisposeAsync();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
    }

    /// <summary>GET one compute, Accept: text/plain, the whole pipeline.</summary>
    [Benchmark]
    public Task GetCompute() => _server.SendAsync(_get);

    /// <summary>The store's read of the compute, as the endpoint makes it.</summary>
    [Benchmark]
    public Task<EntityRecord?> StoreGet() => _store.GetAsync(_location, CancellationToken.None);

    /// <summary>The backend's refresh of the compute through the resilience pipeline, as the endpoint makes it.</summary>
    [Benchmark]
    public Task<bool> BackendRefresh() => _backend.RefreshAsync(Caller.Anonymous, _compute, ReadFreshness.Known, CancellationToken.None);
}
