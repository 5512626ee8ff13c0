using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Occi.Server.Http;

/// <summary>
/// occi.server.request.duration (seconds): one histogram gives both the request rate (its count) and the
/// latency, by OCCI operation, method and status. Each set of labels (operation, method, status) is made once, the
/// first time it is seen, and handed to the histogram as it is afterwards: a record builds and allocates nothing.
/// </summary>
internal sealed class RequestMetrics(IMeterFactory meters)
{
    /// <summary>GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS and "_OTHER" (any other method).</summary>
    private const int Methods = 8;

    /// <summary>Statuses 0–599, and one slot for anything above ("other").</summary>
    private const int Statuses = 601;

    private readonly Histogram<double> _duration = meters.Create(Instrumentation.Name).CreateHistogram("occi.server.request.duration", "s",
        "Requests served, by OCCI operation (target), method and status", advice: Instrumentation.LatencyAdvice);

    /// <summary>[operation × method][status]: filled as seen; a race makes the same labels twice, either kept.</summary>
    private readonly KeyValuePair<string, object?>[]?[]?[] _labels = new KeyValuePair<string, object?>[]?[]?[OcciOperation.Count * Methods];

    /// <summary>False when nothing listens (Occi:Telemetry:Metrics off): the request is then not timed at all.</summary>
    public bool Enabled => _duration.Enabled;

    public void Record(OcciOperation operation, string method, int status, long startedTimestamp) =>
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, LabelsOf(operation, method, status));

    private KeyValuePair<string, object?>[] LabelsOf(OcciOperation operation, string method, int status)
    {
        var methodIndex = MethodIndex(method);
        var statusIndex = (uint)status < Statuses - 1 ? status : Statuses - 1;
        var byStatus = _labels[operation.Index * Methods + methodIndex] ??= new KeyValuePair<string, object?>[]?[Statuses];
        return byStatus[statusIndex] ??=
        [
            new("occi.operation", operation.Name),
            new("http.request.method", Instrumentation.MethodLabel(method)),
            new("http.response.status_code", statusIndex < Statuses - 1 ? statusIndex.ToString(CultureInfo.InvariantCulture) : "other"),
        ];
    }

    /// <summary>Kestrel hands the known methods as the shared strings HttpMethods holds, so these are reference compares first.</summary>
    private static int MethodIndex(string method) =>
        HttpMethods.IsGet(method) ? 0 : HttpMethods.IsHead(method) ? 1 : HttpMethods.IsPost(method) ? 2 : HttpMethods.IsPut(method) ? 3
        : HttpMethods.IsDelete(method) ? 4 : HttpMethods.IsPatch(method) ? 5 : HttpMethods.IsOptions(method) ? 6 : 7;
}
