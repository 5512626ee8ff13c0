using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Occi.Server.Http;

/// <summary>
/// First in the pipeline (issue 17): gives every request an id, returned in Occi:Telemetry:RequestIdHeader and
/// carried by every log line of the request (a log scope), and records the request metric once the answer is
/// written, labelled with the OCCI operation the endpoint found (<see cref="OcciOperation"/>).
/// </summary>
internal sealed partial class RequestTelemetry(RequestDelegate next, RequestMetrics metrics, IOptions<TelemetryOptions> options, ILogger<RequestTelemetry> log)
{
    private readonly string _header = options.Value.RequestIdHeader;

    /// <summary>"RequestId" as ASP.NET Core's own request scope names it, so a JSON log line has it where operators look.</summary>
    private static readonly Func<ILogger, string, IDisposable?> RequestScope = LoggerMessage.DefineScope<string>("RequestId:{RequestId}");

    public async Task InvokeAsync(HttpContext http)
    {
        var started = metrics.Enabled ? Stopwatch.GetTimestamp() : 0;
        IDisposable? scope = null;
        if (RequestIds.Accepts(http.Request.Headers[_header]) is { } sent)
        {
            // A proxy's id: the request is known by it end to end, in this gateway's logs as in the proxy's.
            http.TraceIdentifier = sent;
            scope = RequestScope(log, sent);
        }
        // Otherwise Kestrel's own TraceIdentifier is the id, which ASP.NET Core's request log scope already carries.
        http.Response.Headers[_header] = http.TraceIdentifier;
        try
        {
            await next(http);
        }
        finally
        {
            scope?.Dispose();
            // Traces off (no listener on our source, which the tracer listens to with ASP.NET Core's): no span to label.
            var traced = Instrumentation.Activities.HasListeners();
            if (started != 0 || traced) Label(http, started, traced);
        }
    }

    private void Label(HttpContext http, long started, bool traced)
    {
        var operation = http.Features.Get<OcciOperation>() ?? OcciOperation.Unresolved;
        if (started != 0) metrics.Record(operation, http.Request.Method, http.Response.StatusCode, started);
        if (traced && Activity.Current is { IsAllDataRequested: true } span) span.SetTag("occi.operation", operation.Name);
    }
}
