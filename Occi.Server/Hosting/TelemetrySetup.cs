using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Core.StoreContracts;
using Occi.Server.Background;
using Occi.Server.Http;
using Occi.Server.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Occi.Server.Hosting;

/// <summary>
/// Issue 17's observability, composed: Occi:Telemetry's metrics (OpenTelemetry, scraped at /metrics), traces
/// (OTLP), JSON console logs, the request id, and the /healthz and /readyz probes beside the existing /health.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>The tag of the checks only /readyz runs (the backend and store probes); /health stays as it was.</summary>
    internal const string ReadyTag = "ready";

    /// <summary>The key of the one occi.backend.call.immediate counter every backend's metrics share.</summary>
    private const string BackendImmediateAnswers = "occi.backend.call.immediate";

    public static IServiceCollection AddOcciTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<RequestMetrics>();
        services.AddSingleton<StoreMetrics>();
        services.AddKeyedSingleton(BackendImmediateAnswers, (s, _) => new ImmediateAnswers(s.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            "occi.backend.call.immediate", "Calls a backend answered at once from what it holds (no cloud asked), by backend and operation"));
        services.AddSingleton<ModelRefreshMetrics>();
        services.AddSingleton<BreakerGauge>();
        services.AddHealthChecks()
            .AddCheck<BackendReadiness>("backend", tags: [ReadyTag])
            .AddCheck<StoreReadiness>("store", tags: [ReadyTag]);
        services.AddOptions<ConsoleLoggerOptions>().Configure<IOptions<TelemetryOptions>>((console, telemetry) =>
        {
            if (telemetry.Value.JsonLogs) console.FormatterName = ConsoleFormatterNames.Json;
        });
        services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        // Which providers exist is decided while registering, before the options can be resolved: the section is
        // read here as well (and validated at start like every other).
        var telemetry = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!telemetry.Metrics && !telemetry.Traces) return services;
        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("occigateway"));
        var otlp = telemetry.OtlpEndpoint is { Length: > 0 };
        if (telemetry.Metrics)
            otel.WithMetrics(m =>
            {
                m.AddMeter(Instrumentation.Name)
                    // No exemplars (the SDK's default, pinned against OTEL_METRICS_EXEMPLAR_FILTER): the scrape's text
                    // format shows none, and with a filter on every record would look at the current span (issue 17).
                    .SetExemplarFilter(ExemplarFilterType.AlwaysOff)
                    // Every scrape sees the counters as they are now (the exporter's default keeps an answer for 300 ms).
                    .AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                    m.AddOtlpExporter((exporter, reader) =>
                    {
                        Otlp(exporter, telemetry, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = telemetry.OtlpExportSeconds * 1000;
                    });
            });
        if (telemetry.Traces)
            otel.WithTracing(t =>
            {
                // ASP.NET Core's request span (with the incoming traceparent) and ours, the backend and store calls below it.
                t.AddSource(Instrumentation.Name, "Microsoft.AspNetCore");
                if (otlp) t.AddOtlpExporter(o => Otlp(o, telemetry, "v1/traces"));
            });
        return services;
    }

    /// <summary>
    /// The exporter's address and protocol. Over http/protobuf an address set in code is used as it is (only the
    /// standard's environment variable gets the signal's path added), so the path is added here.
    /// </summary>
    private static void Otlp(OtlpExporterOptions exporter, TelemetryOptions telemetry, string signalPath)
    {
        if (telemetry.OtlpProtocol == "http/protobuf")
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(telemetry.OtlpEndpoint.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = new Uri(telemetry.OtlpEndpoint);
        }
    }

    /// <summary>The backend, timed per call, unless neither metrics nor traces are wanted.</summary>
    public static ICloudBackend Measured(IServiceProvider services, ICloudBackend backend) => Measured(services, backend, backend.Name);

    /// <summary>The backend, timed per call with its metrics tagged <paramref name="name"/> (a provider's, issue 19).</summary>
    public static ICloudBackend Measured(IServiceProvider services, ICloudBackend backend, string name) =>
        Wanted(services)
            ? new MeasuredBackend(backend, new BackendMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), name,
                services.GetRequiredKeyedService<ImmediateAnswers>(BackendImmediateAnswers)))
            : backend;

    /// <summary>The entity store, timed per call, unless neither metrics nor traces are wanted.</summary>
    public static IEntityStore Measured(IServiceProvider services, IEntityStore store) =>
        Wanted(services) ? new MeasuredEntityStore(store, services.GetRequiredService<StoreMetrics>()) : store;

    private static bool Wanted(IServiceProvider services) =>
        services.GetRequiredService<IOptions<TelemetryOptions>>().Value is { Metrics: true } or { Traces: true };

    /// <summary>The request id and request metric first, so every later log line and the whole answer are covered.</summary>
    public static void UseOcciRequestTelemetry(this WebApplication app) => app.UseMiddleware<RequestTelemetry>();

    public static void MapOcciTelemetry(this WebApplication app)
    {
        // Live: the process answers. Nothing is checked, so a slow cloud never gets the gateway restarted.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        // Ready: the backend and the store answer (and the components' own checks pass); 503 with the reasons otherwise.
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
            // Made now, so the gauge is there from the first scrape.
            app.Services.GetRequiredService<BreakerGauge>();
        }
    }

    /// <summary>/health's checks: the components' own, as before issue 17; the probes are /readyz's.</summary>
    public static bool HealthCheck(HealthCheckRegistration check) => !check.Tags.Contains(ReadyTag);
}
