using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Occi.LoadTest;

/// <summary>
/// One answer of the gateway captured at start (body, content type and the headers it sends), which the bare
/// endpoint serves again byte for byte: the ratio of the two then measures the gateway's own work, not the
/// size of what it sends.
/// </summary>
internal sealed class CapturedAnswer
{
    // Written by Kestrel itself on both sides, or derived from the body.
    private static readonly HashSet<string> Left = new(StringComparer.OrdinalIgnoreCase) { "Date", "Content-Length", "Transfer-Encoding" };

    private byte[] _body = [];
    private KeyValuePair<string, string>[] _headers = [];

    public int Length => _body.Length;

    public async Task CaptureAsync(Uri server, string path, string accept)
    {
        using var client = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        if (LoadClient.Authorization is { } auth) request.Headers.TryAddWithoutValidation("Authorization", auth.Value);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        _body = await response.Content.ReadAsByteArrayAsync();
        _headers = [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => !Left.Contains(h.Key))
            .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))];
    }

    public Task WriteAsync(HttpContext http)
    {
        var response = http.Response;
        foreach (var (name, value) in _headers) response.Headers[name] = value;
        response.ContentLength = _body.Length;
        return response.Body.WriteAsync(_body).AsTask();
    }
}

/// <summary>
/// Issue 13, goal 1: GET /-/ and GET of one compute against a bare Kestrel endpoint serving the same bytes, at
/// each connection count in the same run, and the bytes each path allocates per request in this process.
/// </summary>
internal static class GetScenarios
{
    public static readonly CapturedAnswer QueryInterface = new();
    public static readonly CapturedAnswer Compute = new();

    public static void MapBare(WebApplication bare)
    {
        bare.MapGet("/bare-query-interface", QueryInterface.WriteAsync);
        bare.MapGet("/bare-compute", Compute.WriteAsync);
    }

    public static async Task<List<LoadResult>> RunAsync(Uri occi, Uri bare, string computePath, TimeSpan duration, int[] connectionCounts, bool allocationsOnly = false)
    {
        await QueryInterface.CaptureAsync(occi, "/-/", "text/plain");
        await Compute.CaptureAsync(occi, computePath, "text/plain");
        Console.WriteLine($"bare endpoints serve the gateway's answers: /-/ {QueryInterface.Length:N0} B, one compute {Compute.Length:N0} B");
        var pairs = new (string Name, byte[] Bare, byte[] Gateway)[]
        {
            ("GET /-/", LoadClient.Request("GET", "/bare-query-interface", bare), LoadClient.Request("GET", "/-/", occi)),
            ("GET one compute", LoadClient.Request("GET", "/bare-compute", bare), LoadClient.Request("GET", computePath, occi)),
        };
        // Each path warmed for a second first: whichever ran first would otherwise pay the JIT's first tiers
        // (the client's among them) and look slower than the rest.
        foreach (var (name, bareRequest, gatewayRequest) in pairs)
        {
            await LoadRun.RunAsync(name, bare, bareRequest, 2, TimeSpan.FromSeconds(1));
            await LoadRun.RunAsync(name, occi, gatewayRequest, 2, TimeSpan.FromSeconds(1));
        }
        var results = new List<LoadResult>();
        var rows = new List<string>();
        foreach (var connections in allocationsOnly ? [] : connectionCounts)
            foreach (var (name, bareRequest, gatewayRequest) in pairs)
            {
                var b = await LoadRun.RunAsync($"bare, bytes of {name}, {connections} conn.", bare, bareRequest, connections, duration);
                var g = await LoadRun.RunAsync($"{name}, {connections} conn.", occi, gatewayRequest, connections, duration);
                results.Add(b);
                results.Add(g);
                rows.Add($"| {name,-16} | {connections,5} | {b.RequestsPerSecond,10:N0} | {g.RequestsPerSecond,10:N0} | {g.RequestsPerSecond / b.RequestsPerSecond,7:P0} | {b.P99Ms,8:N2} | {g.P99Ms,8:N2} | {b.CpuMicrosPerRequest,8:N2} | {g.CpuMicrosPerRequest,8:N2} | {LoadAverage()} |");
            }
        if (rows.Count > 0) PrintTable(rows);

        Console.WriteLine();
        foreach (var (name, bareRequest, gatewayRequest) in pairs)
        {
            var bareBytes = await AllocatedPerRequestAsync(bare, bareRequest);
            var gatewayBytes = await AllocatedPerRequestAsync(occi, gatewayRequest);
            Console.WriteLine($"{name}: {gatewayBytes.Least:N0} B allocated per request in this process (blocks up to {gatewayBytes.Most:N0} B), "
                + $"bare endpoint with its bytes {bareBytes.Least:N0} B (up to {bareBytes.Most:N0} B): the gateway's own {gatewayBytes.Least - bareBytes.Least:N0} B; "
                + $"CPU per request, one connection {gatewayBytes.CpuMicros:N2} µs, bare {bareBytes.CpuMicros:N2} µs: the gateway's own {gatewayBytes.CpuMicros - bareBytes.CpuMicros:N2} µs; load average {LoadAverage()}");
        }
        return results;
    }

    /// <summary>
    /// Bytes allocated in the whole process (client and server) per request, one request at a time on one
    /// connection after a warm-up; the client's share is the same for the bare endpoint, so the difference is
    /// the server's. The process count also takes in whatever other threads allocate meanwhile (the store's
    /// applier, timers, the runtime), which only ever adds: so the count is taken over several blocks, each
    /// after a full collection has let the heap settle, and the least block is the request's own figure (the
    /// most is printed beside it to show the noise). The CPU time per request is the least block's too, for the
    /// same reason: other threads' work and a neighbour's cache misses only add to it.
    /// </summary>
    public static async Task<(long Least, long Most, double CpuMicros)> AllocatedPerRequestAsync(Uri server, byte[] request)
    {
        const int Blocks = 7, PerBlock = 5_000;
        using var client = await LoadClient.ConnectAsync(server);
        for (var i = 0; i < 2_000; i++) await client.SendAsync(request);
        var least = long.MaxValue;
        var most = long.MinValue;
        var cpuMicros = double.MaxValue;
        for (var block = 0; block < Blocks; block++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < PerBlock; i++) await client.SendAsync(request);
            cpuMicros = Math.Min(cpuMicros, (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / PerBlock);
            var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / PerBlock;
            least = Math.Min(least, perRequest);
            most = Math.Max(most, perRequest);
        }
        return (least, most, cpuMicros);
    }

    private static void PrintTable(List<string> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"| {"scenario",-16} | {"conn.",5} | {"bare req/s",10} | {"occi req/s",10} | {"of bare",7} | {"bare p99",8} | {"occi p99",8} | {"bare CPU",8} | {"occi CPU",8} | load average |");
        Console.WriteLine($"|{new string('-', 18)}|{new string('-', 7)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 9)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|--------------|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine("CPU: the process's CPU µs per request (server and client): the gateway's own cost is occi less bare.");
        Console.WriteLine("Targets: GET /-/ ≥ 90 % and GET one compute ≥ 80 % of bare, at every connection count.");
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
