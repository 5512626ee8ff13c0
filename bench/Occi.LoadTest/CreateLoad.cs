using System.Diagnostics;
using System.Runtime;

namespace Occi.LoadTest;

/// <summary>
/// Issue 13, goal 2: creates sustained for a fixed time on several connections, each connection one create
/// at a time. Prints creates/s, the latency spread, how many took over 5 ms, and what the runtime did
/// meanwhile (collections and their pauses, the thread pool), with a line per second so a stall can be
/// lined up with a collection or a quiet thread pool.
/// </summary>
internal static class CreateLoad
{
    private const double SlowMs = 5;

    public static async Task RunAsync(Uri server, byte[] create, int connections, TimeSpan duration, TimeSpan warmup)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => LoadClient.ConnectAsync(server)));
        // Warm-up on the same connections: tiered compilation and PGO settle the create path (see Program.cs).
        var warmUntil = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(clients.Select(async c => { while (Stopwatch.GetTimestamp() < warmUntil) await c.SendAsync(create); }));

        var seconds = (int)Math.Ceiling(duration.TotalSeconds);
        var perSecond = new SecondStats[seconds];
        for (var s = 0; s < seconds; s++) perSecond[s] = new SecondStats();
        var latencies = new List<long>[connections];
        var errors = new long[connections];
        using var pauses = new GcPauses();
        pauses.Start();
        var before = RuntimeFigures.Now();
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var sampler = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var sampling = SampleAsync(sampler, perSecond, started);
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            var list = latencies[i] = new List<long>(1 << 18);
            for (long t0; (t0 = Stopwatch.GetTimestamp()) < until;)
            {
                var status = (await c.SendAsync(create)).Status;
                var took = Stopwatch.GetTimestamp() - t0;
                list.Add(took);
                perSecond[Math.Min(seconds - 1, (int)((t0 - started) / Stopwatch.Frequency))].Add(took);
                if (status != 201) errors[i]++;
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = RuntimeFigures.Now();
        pauses.Stop();
        sampler.Dispose();
        await sampling;
        foreach (var c in clients) c.Dispose();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : Ms(all[Math.Min(all.Length - 1, (int)(p * all.Length))]);
        var slow = all.Count(t => Ms(t) > SlowMs);
        Console.WriteLine($"sustained creates, {connections} connections, {elapsed:N1} s (after {warmup.TotalSeconds:N0} s warm-up); load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  {all.Length / elapsed:N0} creates/s ({all.Length:N0}, {errors.Sum()} errors); p50 {Percentile(0.50):N3} ms, p90 {Percentile(0.90):N3} ms, p99 {Percentile(0.99):N3} ms, max {(all.Length == 0 ? 0 : Ms(all[^1])):N1} ms; {slow:N0} over {SlowMs} ms ({100.0 * slow / Math.Max(1, all.Length):N2} %)");
        var runtime = after.Minus(before);
        Console.WriteLine($"  {runtime}; {runtime.Allocated / Math.Max(1, all.Length):N0} B allocated per create");
        Console.WriteLine($"  GC: server {GCSettings.IsServerGC}, latency mode {GCSettings.LatencyMode}, concurrent {AppContext.GetData("System.GC.Concurrent") ?? "default"}, DATAS {AppContext.GetData("System.GC.DynamicAdaptationMode") ?? "default"}; heap {GC.GetTotalMemory(false) / (1 << 20):N0} MiB");
        Console.WriteLine($"  {pauses}; {pauses.PromotedFromGen0 / Math.Max(1, all.Length):N0} B promoted out of gen0 per create");
        Console.WriteLine("  per second: creates, p99 ms, max ms, over 5 ms, gen0/1/2, GC pause ms, pool threads, queued");
        foreach (var s in perSecond.Where(s => s.Count > 0))
            Console.WriteLine($"    {s}");
    }

    private static async Task SampleAsync(PeriodicTimer timer, SecondStats[] perSecond, long started)
    {
        var last = RuntimeFigures.Now();
        try
        {
            while (await timer.WaitForNextTickAsync())
            {
                var now = RuntimeFigures.Now();
                var second = (int)((Stopwatch.GetTimestamp() - started) / Stopwatch.Frequency) - 1;
                if (second >= 0 && second < perSecond.Length) perSecond[second].Runtime = now.Minus(last);
                last = now;
            }
        }
        catch (ObjectDisposedException) { }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Creates started in one second of the run, and what the runtime did in it.</summary>
    private sealed class SecondStats
    {
        private readonly List<long> _latencies = new(1 << 14);
        public RuntimeDelta? Runtime { get; set; }
        public int Count { get { lock (_latencies) return _latencies.Count; } }

        public void Add(long ticks) { lock (_latencies) _latencies.Add(ticks); }

        public override string ToString()
        {
            long[] sorted;
            lock (_latencies) sorted = [.. _latencies.Order()];
            var slow = sorted.Count(t => Ms(t) > SlowMs);
            var r = Runtime;
            return $"{sorted.Length,6:N0} {Ms(sorted[(int)(0.99 * sorted.Length)]),7:N2} {Ms(sorted[^1]),7:N1} {slow,5}"
                + (r is null ? "" : $"  {r.Gen0}/{r.Gen1}/{r.Gen2} {r.PauseMs,6:N1}  {r.Threads,3} {r.Queued,5}");
        }
    }

    private sealed record RuntimeFigures(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Completed, long Contentions, long Allocated)
    {
        public static RuntimeFigures Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration(), ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount, GC.GetTotalAllocatedBytes());

        public RuntimeDelta Minus(RuntimeFigures before) => new(Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2,
            (Pause - before.Pause).TotalMilliseconds, Completed - before.Completed, Contentions - before.Contentions, Allocated - before.Allocated,
            ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount);
    }

    private sealed record RuntimeDelta(int Gen0, int Gen1, int Gen2, double PauseMs, long WorkItems, long Contentions, long Allocated, int Threads, long Queued)
    {
        public override string ToString() =>
            $"collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2} (counted per generation, a gen2 counts in all three); GC pauses {PauseMs:N1} ms in all; thread pool: {WorkItems:N0} work items, {Threads} threads, {Queued} queued at the end; {Contentions:N0} lock contentions; {Allocated / (1 << 20):N0} MiB allocated (server and client)";
    }
}
