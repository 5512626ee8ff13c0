namespace Occi.LoadTest;

/// <summary>
/// Issue 19: a provider that fails must leave the others answering with unchanged latency. Two Local providers,
/// <c>a</c> healthy and <c>b</c> failing every operation (its simulator's FailureRate 1, so its breaker opens);
/// GETs of a compute at <c>a</c> are measured alone, then while other connections keep creating computes at
/// <c>b</c> (each answered 503 or 502), then, as the control for sharing two cores, while the same connections
/// create at <c>a</c>'s healthy sibling <c>c</c>. Only <c>a</c>'s figures are compared.
/// </summary>
internal static class ProviderIsolation
{
    /// <summary>The server settings of the three providers, given to the server before it starts.</summary>
    public static readonly string[] Settings =
    [
        "--Occi:Providers:a:Backend", "Local", "--Occi:Providers:a:Default", "true",
        "--Occi:Providers:b:Backend", "Local", "--Occi:Providers:b:Local:FailureRate", "1",
        "--Occi:Providers:c:Backend", "Local",
    ];

    private const string Compute = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n";

    private static string At(string provider) =>
        Compute + $"Category: {provider}; scheme=\"http://schemas.ogf.org/occi/infrastructure/region#\"; class=\"mixin\"\n";

    public static async Task RunAsync(Uri occi, string computeAtA, TimeSpan duration, int connections)
    {
        var get = LoadClient.Request("GET", computeAtA, occi);
        var createAtB = LoadClient.Request("POST", "/compute/", occi, body: At("b"));
        var createAtC = LoadClient.Request("POST", "/compute/", occi, body: At("c"));
        Console.WriteLine($"provider isolation: GET {computeAtA} (provider a) at {connections} connections, {duration.TotalSeconds:N0} s per phase");
        var alone = await LoadRun.RunAsync("a alone", occi, get, connections, duration);
        var (withFailing, atB) = await BesideAsync(occi, get, createAtB, connections, duration, "a while b fails", "creates at b (failing)");
        var (withHealthy, atC) = await BesideAsync(occi, get, createAtC, connections, duration, "a while c works (control)", "creates at c (healthy)");
        Console.WriteLine($"| {"phase",-28} | {"a req/s",9} | {"a p50 ms",8} | {"a p99 ms",8} | {"a errors",8} | {"other",-24} | {"other/s",8} | {"other status",-14} |");
        Console.WriteLine($"|{new string('-', 30)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 26)}|{new string('-', 10)}|{new string('-', 16)}|");
        Row(alone, null);
        Row(withFailing, atB);
        Row(withHealthy, atC);
        Console.WriteLine($"load average at the end: {GetScenarios.LoadAverage()}");
    }

    private static async Task<(LoadResult Measured, StatusCount Other)> BesideAsync(Uri occi, byte[] get, byte[] other, int connections, TimeSpan duration, string name, string otherName)
    {
        using var stop = new CancellationTokenSource();
        var count = new StatusCount(otherName);
        var beside = Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var c = await LoadClient.ConnectAsync(occi);
            while (!stop.IsCancellationRequested) count.Add((await c.SendAsync(other)).Status);
        }));
        var measured = await LoadRun.RunAsync(name, occi, get, connections, duration);
        await stop.CancelAsync();
        await beside;
        count.Seconds = measured.Seconds + 0.5; // the measured run's half-second warm-up ran beside them too
        return (measured, count);
    }

    private static void Row(LoadResult a, StatusCount? other) =>
        Console.WriteLine($"| {a.Name,-28} | {a.RequestsPerSecond,9:N0} | {a.P50Ms,8:N3} | {a.P99Ms,8:N3} | {a.Errors,8} | {other?.Name ?? "",-24} | {(other is null ? "" : (other.Total / other.Seconds).ToString("N0")),8} | {other?.Summary() ?? "",-14} |");

    /// <summary>How the other connections' requests were answered, by status.</summary>
    private sealed class StatusCount(string name)
    {
        private readonly Dictionary<int, long> _byStatus = [];
        public string Name { get; } = name;
        public double Seconds { get; set; }
        public long Total { get; private set; }

        public void Add(int status)
        {
            lock (_byStatus)
            {
                _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
                Total++;
            }
        }

        public string Summary() => string.Join(' ', _byStatus.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"));
    }
}
