using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Compute = Occi.Infrastructure.Kinds.Compute;

// Issue 4's store benchmark: 100,000 stored compute documents; list by kind, filter by attribute,
// get by id — latency percentiles and memory. The embedded store always; MongoDB too when
// OCCI_TEST_MONGODB holds a connection string.
// Usage: dotnet run -c Release --project bench/Occi.StoreBench [-- --documents 100000]
var documents = args.Length > 1 && args[0] == "--documents" ? int.Parse(args[1]) : 100_000;

var dataPath = Path.Combine(Path.GetTempPath(), "occi-storebench-" + Guid.NewGuid().ToString("N"));
await RunAsync("embedded (SQLite + in-memory view)", new Dictionary<string, string?> { ["Occi:DataPath"] = dataPath }, s => s.AddEmbeddedStore(Config(s)));
if (Environment.GetEnvironmentVariable("OCCI_TEST_MONGODB") is { Length: > 0 } mongo)
    await RunAsync("mongo", new Dictionary<string, string?> { ["Occi:Mongo:ConnectionString"] = mongo, ["Occi:Mongo:Database"] = "occi_bench_" + Guid.NewGuid().ToString("N")[..8] },
        s => s.AddMongoStore(Config(s)));
else
    Console.WriteLine("mongo: skipped (set OCCI_TEST_MONGODB to a connection string to measure it)");
try { Directory.Delete(dataPath, true); } catch (IOException) { }

static IConfiguration Config(IServiceCollection services) => (IConfiguration)services.Single(d => d.ServiceType == typeof(IConfiguration)).ImplementationInstance!;

async Task RunAsync(string name, Dictionary<string, string?> settings, Action<IServiceCollection> register)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
    register(services);
    await using var provider = services.BuildServiceProvider();
    var store = provider.GetRequiredService<IEntityStore>();
    var ct = CancellationToken.None;

    var before = GC.GetTotalMemory(forceFullCollection: true);
    var fill = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, documents), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        await store.PutAsync(NewCompute(i), "default", 0, ct));
    fill.Stop();
    var after = GC.GetTotalMemory(forceFullCollection: true);

    Console.WriteLine($"\n{name}: {documents:N0} compute documents stored in {fill.Elapsed.TotalSeconds:N1} s ({documents / fill.Elapsed.TotalSeconds:N0}/s); managed memory +{(after - before) / 1024.0 / 1024.0:N0} MiB, working set {Environment.WorkingSet / 1024.0 / 1024.0:N0} MiB");
    Console.WriteLine($"| {"operation",-44} | {"p50",10} | {"p99",10} | {"max",10} | {"results",8} |");
    Console.WriteLine($"|{new string('-', 46)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 12)}|{new string('-', 10)}|");
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
    Console.WriteLine($"working set after the queries: {Environment.WorkingSet / 1024.0 / 1024.0:N0} MiB");
}

static async Task Measure(string operation, int iterations, Func<Task<int>> run)
{
    await run(); // warm
    var times = new double[iterations];
    var results = 0;
    for (var i = 0; i < iterations; i++)
    {
        var t = Stopwatch.GetTimestamp();
        results = await run();
        times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    Array.Sort(times);
    static string Ms(double ms) => ms < 1 ? $"{ms * 1000:N1} µs" : $"{ms:N2} ms";
    Console.WriteLine($"| {operation,-44} | {Ms(times[iterations / 2]),10} | {Ms(times[Math.Min(iterations - 1, (int)(iterations * 0.99))]),10} | {Ms(times[^1]),10} | {results,8:N0} |");
}

static Resource NewCompute(int i)
{
    var r = new Resource { Id = "c" + i, Kind = Compute.Kind.Id, Location = "/compute/c" + i, BackendId = "c" + i };
    r.Attributes["occi.core.title"] = "vm-" + i;
    r.Attributes[Compute.Cores] = AttributeValue.Integer(1 + i % 8);
    r.Attributes[Compute.Memory] = AttributeValue.Number(2.0 * (1 + i % 4));
    r.Attributes[Compute.Hostname] = $"vm-{i}.example.org";
    r.Attributes[Compute.State] = i % 2 == 0 ? "active" : "inactive";
    return r;
}
