using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Occi.Server;

/// <summary>
/// The gateway's one meter and one activity source (issue 17), named alike so Occi:Telemetry listens to both by
/// one name, and the buckets every latency histogram shares. In the root namespace so every folder records into them.
/// </summary>
internal static class Instrumentation
{
    public const string Name = "Occi.Server";

    /// <summary>Spans of backend and store calls, children of ASP.NET Core's request span.</summary>
    public static readonly ActivitySource Activities = new(Name);

    /// <summary>Latency buckets in seconds, from a cached GET (sub-millisecond) to a slow cloud call (tens of seconds).</summary>
    public static readonly InstrumentAdvice<double> LatencyAdvice = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    /// <summary>
    /// A backend or store call that completes before it returns, succeeds and takes less than this (the first
    /// bucket's bound) waited on nothing: it is counted, not timed (Telemetry/ImmediateAnswers).
    /// </summary>
    public static readonly TimeSpan ImmediateBound = TimeSpan.FromSeconds(0.0001);

    /// <summary>The method as a label: the known ones (interned), anything else "_OTHER", so a client cannot add series.</summary>
    public static string MethodLabel(string method) => HttpMethodLabels.TryGetValue(method, out var known) ? known : "_OTHER";

    private static readonly Dictionary<string, string> HttpMethodLabels = new[] { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }
        .ToDictionary(m => m, StringComparer.OrdinalIgnoreCase);
}
