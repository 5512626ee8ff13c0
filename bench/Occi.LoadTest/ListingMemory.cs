using System.Diagnostics;

namespace Occi.LoadTest;

/// <summary>
/// Issue 11 item 11's measurement: the process's resident memory before, at its peak during, and after
/// a number of large JSON listings fetched concurrently (by default 60 GETs, 6 at a time, of ~100 MB:
/// 2,000 computes with 50,000-byte titles). A buffered rendering costs memory by the size of the answer
/// times the concurrency, and the pool keeps the large buffers afterwards; a streamed one costs a bound
/// per answer. Linux only (/proc/self/status; the peak is reset through /proc/self/clear_refs).
/// Usage: dotnet run -c Release --project bench/Occi.LoadTest -- --listing-memory [--members 2000 --title-bytes 50000 --concurrent 6 --gets 60]
/// </summary>
internal static class ListingMemory
{
    public static async Task RunAsync(Uri uri, int members, int titleBytes, int concurrent, int gets)
    {
        var title = new string('t', titleBytes);
        var create = LoadClient.Request("POST", "/compute/", uri, body:
            "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n" +
            $"X-OCCI-Attribute: occi.core.title=\"{title}\"\n");
        var made = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var c = await LoadClient.ConnectAsync(uri);
            while (Interlocked.Increment(ref made) <= members)
                if ((await c.SendAsync(create)).Status != 201) throw new InvalidOperationException("a create failed");
        }));

        var list = LoadClient.Request("GET", "/compute/", uri, accept: "application/occi+json");
        using (var warm = await LoadClient.ConnectAsync(uri)) await warm.SendAsync(list); // JIT and caches, before the baseline
        Settle();
        var (rssBefore, _) = Rss();
        var managedBefore = GC.GetTotalMemory(true);
        ResetPeak();

        var sizes = new long[gets];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrent).Select(async _ =>
        {
            using var c = await LoadClient.ConnectAsync(uri);
            int i;
            while ((i = Interlocked.Increment(ref next)) < gets)
            {
                if ((await c.SendAsync(list)).Status != 200) throw new InvalidOperationException("a listing failed");
                sizes[i] = c.LastBodyBytes;
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var (_, peak) = Rss();
        Settle();
        var (rssAfter, _) = Rss();
        var managedAfter = GC.GetTotalMemory(true);

        Console.WriteLine($"{gets} GETs of /compute/ (application/occi+json, {members:N0} members, {sizes.Max() / 1e6:N1} MB each, all {(sizes.All(s => s == sizes[0]) ? "the same size" : "NOT the same size")}), {concurrent} at a time: {seconds:N1} s");
        Console.WriteLine($"  resident: {rssBefore / 1048576.0:N0} MiB before, peak {peak / 1048576.0:N0} MiB during, {rssAfter / 1048576.0:N0} MiB after (GC'd)");
        Console.WriteLine($"  managed heap: {managedBefore / 1048576.0:N0} MiB before, {managedAfter / 1048576.0:N0} MiB after");
    }

    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>VmRSS and VmHWM (the peak since the last reset), in bytes.</summary>
    private static (long Rss, long Peak) Rss()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kb(line);
        }
        return (rss, peak);

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>proc(5): writing 5 to clear_refs resets the peak resident set size to the current one.</summary>
    private static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { Console.WriteLine("  (cannot reset the peak: it includes the creates)"); }
        catch (UnauthorizedAccessException) { Console.WriteLine("  (cannot reset the peak: it includes the creates)"); }
    }
}
