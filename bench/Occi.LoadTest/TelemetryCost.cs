using System.Globalization;

namespace Occi.LoadTest;

/// <summary>
/// Issue 17: what telemetry costs on GET one compute, measured so that the machine's noise shows as noise. One run of
/// the load test is one round of one setting (Occi:Telemetry:Metrics on or off: a process can only have one, as the
/// meter provider listens by meter name process-wide); bench/telemetry-cost.sh runs the rounds with the settings
/// interleaved (on off, off on, …) and <see cref="Summarize"/> reads them all. Within a round every gateway block runs
/// beside a block on the bare endpoint serving the same bytes, in alternating order, so a ratio to bare and the
/// gateway's own CPU (its process CPU per request less bare's) cancel what the machine's load did meanwhile.
/// </summary>
internal static class TelemetryCost
{
    /// <summary>The line prefix <see cref="Summarize"/> reads: "telemetry-cost SETTING MEASURE VALUE".</summary>
    private const string Prefix = "telemetry-cost";

    /// <summary>Gateway and bare blocks per connection count: the round's figure is their median.</summary>
    private const int Pairs = 3;

    /// <summary>The measures, in the order printed; <c>Higher</c>: more is better (a cost is then a drop).</summary>
    private static readonly (string Name, bool Higher, string What)[] Measures =
    [
        ("rps-2", true, "req/s, 2 connections"),
        ("of-bare-2", true, "req/s of bare, 2 connections"),
        ("rps-16", true, "req/s, 16 connections"),
        ("of-bare-16", true, "req/s of bare, 16 connections"),
        ("cpu-16", false, "process CPU µs per request, 16 connections"),
        ("own-cpu-16", false, "the gateway's own CPU µs per request (less bare's), 16 connections"),
        ("cpu-1", false, "process CPU µs per request, 1 connection (least of 7 blocks)"),
        ("own-cpu-1", false, "the gateway's own CPU µs per request, 1 connection"),
        ("own-bytes-1", false, "the gateway's own bytes allocated per request"),
    ];

    /// <summary>One round: GET one compute against its bare twin at 2 and 16 connections, then one request at a time.</summary>
    public static async Task RunRoundAsync(Uri occi, Uri bare, string computePath, string setting, TimeSpan duration)
    {
        await GetScenarios.Compute.CaptureAsync(occi, computePath, "text/plain");
        var gateway = LoadClient.Request("GET", computePath, occi);
        var twin = LoadClient.Request("GET", "/bare-compute", bare);
        // Both warmed first, so neither pays the JIT's first tiers inside a measured block.
        await LoadRun.RunAsync("warm bare", bare, twin, 2, TimeSpan.FromSeconds(1));
        await LoadRun.RunAsync("warm gateway", occi, gateway, 2, TimeSpan.FromSeconds(1));
        Print(setting, "load", Load());
        foreach (var connections in new[] { 2, 16 })
        {
            var blocks = new List<(LoadResult Gateway, LoadResult Bare)>();
            for (var pair = 0; pair < Pairs; pair++)
            {
                // Alternating which goes first, so a drift in the machine's load favours neither.
                LoadResult g, b;
                if (pair % 2 == 0)
                {
                    b = await LoadRun.RunAsync("bare", bare, twin, connections, duration);
                    g = await LoadRun.RunAsync("gateway", occi, gateway, connections, duration);
                }
                else
                {
                    g = await LoadRun.RunAsync("gateway", occi, gateway, connections, duration);
                    b = await LoadRun.RunAsync("bare", bare, twin, connections, duration);
                }
                if (g.Errors > 0) throw new InvalidOperationException($"GET {computePath} answered {g.Errors} errors");
                blocks.Add((g, b));
            }
            Print(setting, $"rps-{connections}", Median(blocks.Select(p => p.Gateway.RequestsPerSecond)));
            Print(setting, $"of-bare-{connections}", Median(blocks.Select(p => 100 * p.Gateway.RequestsPerSecond / p.Bare.RequestsPerSecond)));
            if (connections == 2) continue;
            Print(setting, $"cpu-{connections}", Median(blocks.Select(p => p.Gateway.CpuMicrosPerRequest)));
            Print(setting, $"own-cpu-{connections}", Median(blocks.Select(p => p.Gateway.CpuMicrosPerRequest - p.Bare.CpuMicrosPerRequest)));
        }
        var one = await GetScenarios.AllocatedPerRequestAsync(occi, gateway);
        var oneBare = await GetScenarios.AllocatedPerRequestAsync(bare, twin);
        Print(setting, "cpu-1", one.CpuMicros);
        Print(setting, "own-cpu-1", one.CpuMicros - oneBare.CpuMicros);
        Print(setting, "own-bytes-1", one.Least - oneBare.Least);
        Print(setting, "load", Load());
    }

    /// <summary>
    /// The rounds' lines in <paramref name="path"/>, summed up per measure: each setting's median and spread, telemetry's
    /// cost from the two medians, and the cost round by round (the n-th round of "on" beside the n-th of "off", which
    /// ran next to each other), whose median and spread say how far the figure can be trusted.
    /// </summary>
    public static void Summarize(string path)
    {
        var values = new Dictionary<(string Setting, string Measure), List<double>>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is not [Prefix, var setting, var measure, var text] || !double.TryParse(text, CultureInfo.InvariantCulture, out var value)) continue;
            if (!values.TryGetValue((setting, measure), out var list)) values[(setting, measure)] = list = [];
            list.Add(value);
        }
        List<double> Of(string setting, string measure) => values.GetValueOrDefault((setting, measure)) ?? [];
        var loads = Of("on", "load").Concat(Of("off", "load")).ToList();
        Console.WriteLine($"GET one compute, metrics on and off: {Of("on", "rps-2").Count} rounds of on, {Of("off", "rps-2").Count} of off; "
            + $"load average (1 min) {(loads.Count == 0 ? "unknown" : $"{loads.Min():N1}–{loads.Max():N1}")}");
        Console.WriteLine();
        Console.WriteLine("| measure | metrics on: median (spread) | metrics off: median (spread) | telemetry's cost, medians | cost round by round: median (spread) | ≤ 5 %? |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, higher, what) in Measures)
        {
            var on = Of("on", name);
            var off = Of("off", name);
            if (on.Count == 0 || off.Count == 0) continue;
            var paired = on.Zip(off, (a, b) => Cost(a, b, higher)).ToList();
            Console.WriteLine($"| {what} | {Median(on):N1} ({on.Min():N1}–{on.Max():N1}) | {Median(off):N1} ({off.Min():N1}–{off.Max():N1}) | "
                + $"{Cost(Median(on), Median(off), higher):+0.0;-0.0} % | {Median(paired):+0.0;-0.0} % ({paired.Min():+0.0;-0.0} to {paired.Max():+0.0;-0.0} %) | {Verdict(off, paired)} |");
        }
        Console.WriteLine();
        Console.WriteLine("Cost: how much worse on is than off (req/s lower, CPU or bytes higher), in % of off; negative: on measured better (noise).");
        Console.WriteLine($"A measure whose rounds of off alone spread over {NoiseLimit} % of their median cannot show a 5 % cost either way: measure again on a quiet machine.");
    }

    /// <summary>The spread of one setting's own rounds, in % of their median, beyond which a 5 % difference is not seen.</summary>
    private const double NoiseLimit = 10;

    /// <summary>Whether the rounds show telemetry's cost at 5 % or under, and how firmly.</summary>
    private static string Verdict(List<double> off, List<double> paired)
    {
        var noise = Median(off) == 0 ? 0 : 100 * (off.Max() - off.Min()) / Math.Abs(Median(off));
        if (noise > NoiseLimit) return $"too noisy (off spreads {noise:N0} %)";
        if (paired.Max() <= 5) return "yes, every round";
        return Median(paired) <= 5 ? $"yes, by the median ({paired.Count(c => c > 5)} of {paired.Count} rounds over)" : "no";
    }

    /// <summary>In % of off: a drop of what should be high, a rise of what should be low.</summary>
    private static double Cost(double on, double off, bool higher) => off == 0 ? 0 : 100 * (higher ? 1 - on / off : on / off - 1);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Load() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static void Print(string setting, string measure, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix} {setting} {measure} {value:0.###}"));
}
