namespace Occi.Server;

/// <summary>
/// Occi:Telemetry (issue 17): what the gateway tells operators about itself. Metrics are on by default (the
/// instruments are cached and record without allocating); traces and JSON logs cost more and are opt-in.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Occi:Telemetry";

    /// <summary>OpenTelemetry metrics (requests, backend and store calls, breaker, model refresh) and GET /metrics for Prometheus.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>OpenTelemetry traces: a span per request (ASP.NET Core's) with a child per backend and store call.</summary>
    public bool Traces { get; set; }

    /// <summary>
    /// Where traces (when <see cref="Traces"/>) and metrics (when <see cref="Metrics"/>) go over OTLP (e.g.
    /// http://collector:4317); empty: no OTLP exporter (metrics are then only scraped at /metrics).
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>
    /// How OTLP is sent: "grpc" (to the collector's port 4317) or "http/protobuf" (port 4318; the endpoint is the
    /// collector's base address, to which /v1/traces and /v1/metrics are added).
    /// </summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often metrics are sent over OTLP, in seconds (1–3600).</summary>
    public int OtlpExportSeconds { get; set; } = 60;

    /// <summary>One JSON object per log line on the console, with the scopes (request id, path) as fields.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>The header a request's id is read from (when a proxy sent a sane one) and returned in.</summary>
    public string RequestIdHeader { get; set; } = "X-Request-Id";

    /// <summary>How long GET /readyz waits for the backend and the store before it calls them unreachable.</summary>
    public int ReadyTimeoutSeconds { get; set; } = 5;
}
