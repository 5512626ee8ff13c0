using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Occi.Server.Hosting;

namespace Occi.Bench;

/// <summary>
/// Issue 13, goal 1, without sockets: the gateway's whole request pipeline (hosting, request log, routing,
/// <c>OcciEndpoint</c>) run on a reused connection's features (<see cref="InProcessServer"/>), against a bare
/// endpoint in a host of its own that serves the gateway's answer byte for byte, headers included. The
/// difference is what the gateway's own steps cost per request, in time and in bytes allocated; the variants
/// take steps away: a 304 (If-None-Match: the answer's ETag) renders and writes nothing, JSON renders another
/// way. The embedded store and the local backend, as the server runs by default.
/// Not sealed: BenchmarkDotNet derives its runner from this class.
/// </summary>
[MemoryDiagnoser]
public class GetPathBenchmarks
{
    private const string Host = "occi.example.org";

    private readonly InProcessServer _occiServer = new();
    private readonly InProcessServer _bareServer = new();
    private WebApplication _occi = null!;
    private WebApplication _bare = null!;
    private string _dataPath = null!;
    private InProcessServer.Connection _gateway = null!;
    private InProcessServer.Connection _gatewayConditional = null!;
    private InProcessServer.Connection _gatewayJson = null!;
    private InProcessServer.Connection _bareConnection = null!;

    /// <summary>"/-/": the query interface; "compute": one compute the setup creates.</summary>
    [Params("/-/", "compute")]
    public string Answer { get; set; } = "/-/";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "occi-getpath-bench-" + Guid.NewGuid().ToString("N"));
        _occi = OcciServerApp.Build(["--Occi:DataPath", _dataPath, "--Logging:LogLevel:Default", "Warning"],
            services => services.AddSingleton<IServer>(_occiServer));
        await _occi.StartAsync();

        var path = Answer;
        if (Answer == "compute")
        {
            var create = _occiServer.Connect("POST", "/compute/", ("Host", Host), ("Content-Type", "text/plain"));
            create.SetBody(Encoding.UTF8.GetBytes("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
                + "X-OCCI-Attribute: occi.core.title=\"bench\"\nX-OCCI-Attribute: occi.compute.cores=2\n"));
            await _occiServer.SendAsync(create);
            if (create.Status != 201) throw new InvalidOperationException($"create answered {create.Status}");
            path = new Uri(create.ResponseHeaders.Location.ToString()).AbsolutePath;
        }
        _gateway = _occiServer.Connect("GET", path, ("Host", Host), ("Accept", "text/plain"));
        _gatewayJson = _occiServer.Connect("GET", path, ("Host", Host), ("Accept", "application/occi+json"));
        await _occiServer.SendAsync(_gateway);
        if (_gateway.Status != 200) throw new InvalidOperationException($"GET {path} answered {_gateway.Status}");
        var body = _gateway.Body.ToArray();
        var headers = _gateway.ResponseHeaders.Where(h => h.Key is not ("Content-Length" or "Date")).ToArray();
        var etag = _gateway.ResponseHeaders.ETag.ToString();
        _gatewayConditional = _occiServer.Connect("GET", path, ("Host", Host), ("Accept", "text/plain"), ("If-None-Match", etag));

        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IServer>(_bareServer);
        _bare = builder.Build();
        _bare.MapGet("/bare", (HttpContext http) =>
        {
            var response = http.Response;
            foreach (var (name, value) in headers) response.Headers[name] = value;
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body).AsTask();
        });
        await _bare.StartAsync();
        _bareConnection = _bareServer.Connect("GET", "/bare", ("Host", Host), ("Accept", "text/plain"));
        await _bareServer.SendAsync(_bareConnection);
        if (!_bareConnection.Body.SequenceEqual(body)) throw new InvalidOperationException("the bare endpoint does not serve the gateway's bytes");
        await _occiServer.SendAsync(_gatewayConditional);
        if (etag.Length > 0 && _gatewayConditional.Status != 304) throw new InvalidOperationException($"If-None-Match: {etag} answered {_gatewayConditional.Status}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _occi.StopAsync();
        await _bare.StopAsync();
        await _occi.DisposeAsync();
        await _bare.DisposeAsync();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
    }

    /// <summary>The same bytes and headers from a bare endpoint: hosting and routing only.</summary>
    [Benchmark(Baseline = true)]
    public Task Bare() => _bareServer.SendAsync(_bareConnection);

    /// <summary>GET, Accept: text/plain.</summary>
    [Benchmark]
    public Task Gateway() => _occiServer.SendAsync(_gateway);

    /// <summary>GET with If-None-Match: the answer's ETag: a 304 for one compute (no rendering, no body); /-/ has no ETag and answers 200.</summary>
    [Benchmark]
    public Task GatewayNotModified() => _occiServer.SendAsync(_gatewayConditional);

    /// <summary>GET, Accept: application/occi+json.</summary>
    [Benchmark]
    public Task GatewayJson() => _occiServer.SendAsync(_gatewayJson);
}
