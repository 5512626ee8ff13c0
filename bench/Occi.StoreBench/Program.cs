using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Compute = Occi.Infrastructure.Kinds.Compute;
using NetworkInterface = Occi.Infrastructure.Kinds.NetworkInterface;

// Issue 4's store benchmark: 100,000 stored compute documents; list by kind, filter by attribute,
// get by id — latency percentiles and memory. The embedded store always; MongoDB too when
// OCCI_TEST_MONGODB holds a connection string.
// Issue 13 measures memory per stored compute (2 mixins, 6 attributes and 1 link, the link its own
// document): RSS from /proc/self/status after a full, compacting GC, before and after the fill and after
// the store is reopened on the same folder (journal replay and load of the in-memory view, timed).
// Usage: dotnet run -c Release --project bench/Occi.StoreBench [-- --count 100000] [--tenants 10]
// --crash: only the restart after a SIGKILL (CrashReopen), on a folder a child process filled with --count computes.
var countAt = Array.FindIndex(args, a => a is "--count" or "--documents");
var documents = countAt >= 0 && countAt + 1 < args.Length ? int.Parse(args[countAt + 1]) : 100_000;
var tenants = TenantListing.Count(args); // --tenants N: issue 14's (owner, kind) listing

const string SnapshotFile = "entities.snapshot"; // the embedded store's view, written on close (internal to the store)
var dataPath = Path.Combine(Path.GetTempPath(), "occi-storebench-" + Guid.NewGuid().ToString("N"));
if (args is ["--crash-fill", var fillFolder, var fillCount])
{
    await FillUntilKilledAsync(fillFolder, int.Parse(fillCount));
    return;
}
if (args.Contains("--crash"))
{
    await CrashReopen.FillAndKillAsync(dataPath, documents);
    await ReopenAsync("after the SIGKILL (the snapshot written while running, the journal after it)", new CrashReopen.Lines());
    await ReopenAsync("after a clean close (its snapshot)");
    File.Delete(Path.Combine(dataPath, SnapshotFile));
    await ReopenAsync("from SQLite (snapshot removed: the open after a crash of the code before)");
    Directory.Delete(dataPath, recursive: true);
    return;
}
await RunAsync("embedded (SQLite + in-memory view)", new Dictionary<string, string?> { ["Occi:DataPath"] = dataPath }, s => s.AddEmbeddedStore(Config(s)));
if (Environment.GetEnvironmentVariable("OCCI_TEST_MONGODB") is { Length: > 0 } mongo)
    await RunAsync("mongo", new Dictionary<string, string?> { ["Occi:Mongo:ConnectionString"] = mongo, ["Occi:Mongo:Database"] = "occi_bench_" + Guid.NewGuid().ToString("N")[..8] },
        s => s.AddMongoStore(Config(s)));
else
    Console.WriteLine("mongo: skipped (set OCCI_TEST_MONGODB to a connection string to measure it)");
static IConfiguration Config(IServiceCollection services) => (IConfiguration)services.Single(d => d.ServiceType == typeof(IConfiguration)).ImplementationInstance!;

async Task RunAsync(string name, Dictionary<string, string?> settings, Action<IServiceCollection> register)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddSingleton(typeof(ILogger<>), typeof(NullLogger<>)); // the health check's
    register(services);
    var provider = services.BuildServiceProvider();
    var store = provider.GetRequiredService<IEntityStore>();
    var ct = CancellationToken.None;
    try
    {
        await FillAndMeasureAsync(name, provider, store, ct);
    }
    finally
    {
        // The embedded store's close applies what is left of its journal and writes its view's snapshot.
        var close = Stopwatch.StartNew();
        await provider.DisposeAsync();
        Console.WriteLine($"closed in {close.Elapsed.TotalSeconds:N2} s{Snapshot()}; load average {LoadAverage()}");
    }
}

async Task FillAndMeasureAsync(string name, IServiceProvider provider, IEntityStore store, CancellationToken ct)
{

    await store.GetByIdAsync("none", ct); // opens the store
    var (before, rssBefore) = Memory();
    var fill = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, documents), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
    {
        await store.PutAsync(NewCompute(i), TenantListing.OwnerOf(i, tenants), 0, ct);
        await store.PutAsync(NewLink(i), TenantListing.OwnerOf(i, tenants), 0, ct);
    });
    fill.Stop();
    await Applied(provider);
    var (after, rssAfter) = Memory();

    Console.WriteLine($"\n{name}: {documents:N0} computes (each with its link: {2 * documents:N0} documents) stored in {fill.Elapsed.TotalSeconds:N1} s ({documents / fill.Elapsed.TotalSeconds:N0} computes/s); load average {LoadAverage()}");
    Console.WriteLine($"managed heap {before / 1048576.0:N0} → {after / 1048576.0:N0} MiB, RSS {rssBefore / 1048576.0:N0} → {rssAfter / 1048576.0:N0} MiB: {(after - before) / (double)documents:N0} B managed and {(rssAfter - rssBefore) / (double)documents:N0} B RSS per compute with its link");
    Console.WriteLine($"| {"operation",-44} | {"p50",10} | {"p99",10} | {"max",10} | {"results",8} | {"in GC",6} | {"p99 no GC",10} | {"max no GC",10} | {"GCs 0/1/2",12} | {"paused",10} | {"B allocated",12} |");
    Console.WriteLine($"|{new string('-', 46)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 8)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 14)}|{new string('-', 12)}|{new string('-', 14)}|");
    var random = new Random(42);
    var next = documents;
    // One writer, one entity per write: what each create of the HTTP interface pays for its document.
    await Measure("put (insert), one writer", 2000, async () => { await store.PutAsync(NewCompute(next++), "default", 0, ct); return 1; });
    await Measure("get by id", 2000, async () => (await store.GetByIdAsync("c" + random.Next(documents), ct)) is null ? 0 : 1);
    await Measure("get by location", 2000, async () => (await store.GetAsync("/compute/c" + random.Next(documents), ct)) is null ? 0 : 1);
    await Measure("filter by attribute (title, 1 match)", 50, async () =>
        (await store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Attributes = [new("occi.core.title", "vm-" + random.Next(documents))] }, ct)).Count);
    await Measure("filter by attribute (state, 1/2 of all), page of 100", 50, async () =>
        (await store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Attributes = [new(Compute.State, "active")], Take = 100 }, ct)).Count);
    await Measure("list by kind, page of 100", 200, async () =>
        (await store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Skip = random.Next(documents - 100), Take = 100 }, ct)).Count);
    await Measure("list by kind, locations of all", 10, async () =>
        (await store.QueryLocationsAsync(new EntityQuery { Kinds = [Compute.Kind.Id] }, ct)).Count);
    await Measure("list by kind, all entities", 5, async () =>
        (await store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id] }, ct)).Count);
    await TenantListing.MeasureAsync(store, tenants, documents, Measure);
    Console.WriteLine($"working set after the queries: {Environment.WorkingSet / 1024.0 / 1024.0:N0} MiB; load average {LoadAverage()}");
}

// Restart: the embedded store reopened on the folder just filled, from the snapshot of its view its close wrote;
// then again with the snapshot removed, as after a crash: every row of SQLite loaded (the code before the snapshot).
if (countAt >= 0 || args.Contains("--reopen"))
{
    await ReopenAsync("from its view's snapshot");
    File.Delete(Path.Combine(dataPath, SnapshotFile));
    await ReopenAsync("from SQLite (snapshot removed)");
}
Directory.Delete(dataPath, recursive: true); // 1.9 GB after 1,000,000 computes

string Snapshot() => File.Exists(Path.Combine(dataPath, SnapshotFile)) ? $" (snapshot of the view: {new FileInfo(Path.Combine(dataPath, SnapshotFile)).Length / 1048576.0:N0} MiB)" : "";

async Task ReopenAsync(string how, ILoggerFactory? log = null)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Occi:DataPath"] = dataPath }).Build();
    var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
    if (log is not null) services.AddSingleton(log);
    services.AddEmbeddedStore(configuration);
    var (_, rssBefore) = Memory();
    var reopen = Stopwatch.StartNew();
    await using var provider = services.BuildServiceProvider();
    var store = provider.GetRequiredService<IEntityStore>();
    var found = await store.GetByIdAsync("c0", CancellationToken.None);
    reopen.Stop();
    var (_, rssAfter) = Memory();
    Console.WriteLine($"\nreopened {how} on {documents:N0} computes with their links in {reopen.Elapsed.TotalSeconds:N2} s (c0 {(found is null ? "missing" : "found")}); RSS {rssBefore / 1048576.0:N0} → {rssAfter / 1048576.0:N0} MiB: {(rssAfter - rssBefore) / (double)documents:N0} B per compute with its link; load average {LoadAverage()}");
}

// The child of --crash: the embedded store as a server runs it (background snapshots on, their log lines printed),
// filled by four writers, then waiting for its SIGKILL.
static async Task FillUntilKilledAsync(string folder, int count)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Occi:DataPath"] = folder }).Build();
    var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton<ILoggerFactory>(new CrashReopen.Lines());
    services.AddEmbeddedStore(configuration);
    var provider = services.BuildServiceProvider(); // never disposed: the process is killed
    var store = provider.GetRequiredService<IEntityStore>();
    var fill = Stopwatch.StartNew();
    var done = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
    {
        await store.PutAsync(NewCompute(i), "default", 0, ct);
        await store.PutAsync(NewLink(i), "default", 0, ct);
        if (Interlocked.Increment(ref done) % 100_000 == 0) Console.WriteLine($"{done:N0} computes stored, {fill.Elapsed.TotalSeconds:N1} s");
    });
    Console.WriteLine($"filled: {count:N0} computes with their links in {fill.Elapsed.TotalSeconds:N1} s ({count / fill.Elapsed.TotalSeconds:N0} computes/s); load average {LoadAverage()}");
    await Task.Delay(Timeout.Infinite);
}

static (long Managed, long Rss) Memory()
{
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true); // decommits what is free too
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return (GC.GetTotalMemory(false), long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
}

// Waits until the embedded store's journal applier has written every acknowledged change to SQLite: until
// then the journal's queue holds them too, and they are not what a stored entity costs.
static async Task Applied(IServiceProvider provider)
{
    if (provider.GetService<HealthCheckService>() is not { } health) return;
    for (var waited = 0; waited < 600; waited++)
    {
        var report = await health.CheckHealthAsync();
        if (!report.Entries.TryGetValue("embedded-store", out var entry) || entry.Data["pendingWrites"] is 0) return;
        await Task.Delay(100);
    }
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

// Each run is timed and so is the GC's pause during it (GC.GetTotalPauseDuration before and after): the
// last columns say how many runs a collection paused, the p99 and max of the runs none did, and the
// collections of each generation (counted once, in the highest it reached), their pauses in all, and the
// bytes each run allocated on this thread.
static async Task Measure(string operation, int iterations, Func<Task<int>> run)
{
    await run(); // warm
    var times = new double[iterations];
    var unpaused = new List<double>(iterations);
    var results = 0;
    var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    var allocated = GC.GetAllocatedBytesForCurrentThread(); // the embedded store answers synchronously, on this thread
    for (var i = 0; i < iterations; i++)
    {
        var pausedBefore = GC.GetTotalPauseDuration();
        var t = Stopwatch.GetTimestamp();
        results = await run();
        times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        if (GC.GetTotalPauseDuration() == pausedBefore) unpaused.Add(times[i]);
    }
    allocated = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
    (gen0, gen1, gen2, paused) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - paused);
    Array.Sort(times);
    unpaused.Sort();
    static string Ms(double ms) => ms < 1 ? $"{ms * 1000:N1} µs" : $"{ms:N2} ms";
    static string P99(IReadOnlyList<double> sorted) => sorted.Count == 0 ? "—" : Ms(sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))]);
    Console.WriteLine($"| {operation,-44} | {Ms(times[iterations / 2]),10} | {P99(times),10} | {Ms(times[^1]),10} | {results,8:N0} | {iterations - unpaused.Count,6:N0} | {P99(unpaused),10} | {(unpaused.Count == 0 ? "—" : Ms(unpaused[^1])),10} | {$"{gen0 - gen1}/{gen1 - gen2}/{gen2}",12} | {Ms(paused.TotalMilliseconds),10} | {allocated,12:N0} |");
}

static Resource NewCompute(int i)
{
    var r = new Resource { Id = "c" + i, Kind = Compute.Kind.Id, Location = "/compute/c" + i, BackendId = "c" + i };
    r.Attributes["occi.core.title"] = "vm-" + i;
    r.Attributes[Compute.Cores] = AttributeValue.Integer(1 + i % 8);
    r.Attributes[Compute.Memory] = AttributeValue.Number(2.0 * (1 + i % 4));
    r.Attributes[Compute.Hostname] = $"vm-{i}.example.org";
    r.Attributes[Compute.State] = i % 2 == 0 ? "active" : "inactive";
    r.Attributes[Compute.Architecture] = "x64";
    r.Mixins.Add(new CategoryId("http://occi.example.org/occi/infrastructure/os_tpl#", (i % 4) switch { 0 => "ubuntu", 1 => "debian", 2 => "fedora", _ => "alpine" }));
    r.Mixins.Add(new CategoryId("http://occi.example.org/occi/infrastructure/resource_tpl#", (i % 3) switch { 0 => "small", 1 => "medium", _ => "large" }));
    return r;
}

static Link NewLink(int i)
{
    var l = new Link { Id = "n" + i, Kind = NetworkInterface.Kind.Id, Location = "/link/networkinterface/n" + i, Source = "/compute/c" + i, Target = "/network/public" };
    l.Attributes[NetworkInterface.Interface] = "eth0";
    l.Attributes[NetworkInterface.Mac] = $"02:00:00:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}";
    l.Attributes[NetworkInterface.State] = "active";
    return l;
}
