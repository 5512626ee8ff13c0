using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Hosting;

namespace Occi.Bench;

/// <summary>
/// Issue 17: what each thing telemetry does per request costs, in ns, under the server's own OpenTelemetry meter
/// provider (Occi:Telemetry:Metrics on, the Prometheus exporter listening, traces off): a clock pair (a timed call
/// reads the clock twice), one histogram record with the label shapes the gateway uses (the request's three labels,
/// the store's two, the backend's three), with no label, with fewer buckets, on an instrument nobody listens to
/// (what "off" costs), an immediate answer's count, and the span checks made with traces off. The instruments are
/// made here on the server's meter name, so the SDK listens to them exactly as to the server's own. Not sealed:
/// BenchmarkDotNet derives from it.
/// </summary>
public class TelemetryRecordBenchmarks
{
    /// <summary>The server's latency buckets (Instrumentation.LatencyAdvice, internal to the server), 18 bounds.</summary>
    private static readonly double[] ServerBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Half as many: what a coarser advice would cost.</summary>
    private static readonly double[] FewerBuckets = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

    private static readonly ActivitySource Unlistened = new("Occi.Bench.NobodyListens");

    private readonly InProcessServer _server = new();
    private WebApplication _occi = null!;
    private string _dataPath = null!;
    private Histogram<double> _histogram = null!;
    private Histogram<double> _fewer = null!;
    private Histogram<double> _unheard = null!;
    private Meter _unheardMeter = null!;

    private readonly KeyValuePair<string, object?>[] _requestLabels =
        [new("occi.operation", "entity"), new("http.request.method", "GET"), new("http.response.status_code", "200")];

    private readonly KeyValuePair<string, object?>[] _storeLabels = [new("occi.store.operation", "get"), new("outcome", "ok")];

    private readonly KeyValuePair<string, object?>[] _backendLabels =
        [new("occi.backend", "local"), new("occi.backend.operation", "refresh"), new("outcome", "ok")];

    /// <summary>A GET of one compute's latency: under the first bucket's bound.</summary>
    private const double Seconds = 0.00004;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "occi-record-bench-" + Guid.NewGuid().ToString("N"));
        _occi = OcciServerApp.Build(["--Occi:DataPath", _dataPath, "--Logging:LogLevel:Default", "Warning", "--Occi:Telemetry:Metrics", "true"],
            services => services.AddSingleton<IServer>(_server));
        await _occi.StartAsync();
        var meter = _occi.Services.GetRequiredService<IMeterFactory>().Create("Occi.Server");
        _histogram = meter.CreateHistogram<double>("occi.bench.duration", "s", null, advice: new() { HistogramBucketBoundaries = ServerBuckets });
        _fewer = meter.CreateHistogram<double>("occi.bench.fewer.duration", "s", null, advice: new() { HistogramBucketBoundaries = FewerBuckets });
        _unheardMeter = new Meter("Occi.Bench.NobodyListens");
        _unheard = _unheardMeter.CreateHistogram<double>("occi.bench.unheard", "s", null, advice: new() { HistogramBucketBoundaries = ServerBuckets });
        if (!_histogram.Enabled || _unheard.Enabled) throw new InvalidOperationException("the server's meter provider should listen to Occi.Server only");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _unheardMeter.Dispose();
        await _occi.StopAsync();
        await _occi.DisposeAsync();
        try { Directory.Delete(_dataPath, true); } catch (IOException) { }
    }

    /// <summary>What a timed call adds to its own work besides the record: a timestamp before, the elapsed time after.</summary>
    [Benchmark]
    public double ClockPair() => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp()).TotalSeconds;

    [Benchmark]
    public void RecordRequestLabels() => _histogram.Record(Seconds, _requestLabels);

    [Benchmark]
    public void RecordStoreLabels() => _histogram.Record(Seconds, _storeLabels);

    [Benchmark]
    public void RecordBackendLabels() => _histogram.Record(Seconds, _backendLabels);

    [Benchmark]
    public void RecordNoLabels() => _histogram.Record(Seconds);

    /// <summary>A slow call's value (1.5 s): the bucket search walks 13 bounds of 18.</summary>
    [Benchmark]
    public void RecordRequestLabelsSlowValue() => _histogram.Record(1.5, _requestLabels);

    [Benchmark]
    public void RecordRequestLabelsFewerBuckets() => _fewer.Record(Seconds, _requestLabels);

    private long _immediate;

    /// <summary>What an immediate answer costs besides its clock pair (Telemetry/ImmediateAnswers): one interlocked increment.</summary>
    [Benchmark]
    public long ImmediateCount() => Interlocked.Increment(ref _immediate);

    /// <summary>Metrics off: the instrument has no listener.</summary>
    [Benchmark]
    public void RecordNobodyListens() => _unheard.Record(Seconds, _requestLabels);

    /// <summary>Traces off: the check the timed calls and the request make before any span work.</summary>
    [Benchmark]
    public bool SpanSourceHasListeners() => Unlistened.HasListeners();

    /// <summary>What reading the current span costs (an async-local read), done per call before the HasListeners check.</summary>
    [Benchmark]
    public Activity? CurrentSpan() => Activity.Current;
}
