using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Occi.LoadTest;
using Occi.Server.Hosting;

// The HTTP load test of issue 3: the OCCI server on the local backend and the embedded store, and in
// the same run a bare Kestrel endpoint returning a fixed body, measured by the same raw-socket client.
// Usage: dotnet run -c Release --project bench/Occi.LoadTest [-- --seconds 5 --connections 16 --resources 10000]
// The GET scenarios (GetScenarios) run at 2 and at --connections connections against bare endpoints serving
// the gateway's own answers; "--Logging:LogLevel:Occi.Server.Http.RequestLogging Information" turns the
// per-request log line on.
// With --allocations-only: only the bytes allocated per GET of /-/ and of one compute, gateway and bare.
// With --sustained-creates N [--connections C]: only sustained creates (CreateLoad).
// With --create-stages N: the bytes a create allocates, stage by stage (CreateStages).
// With --listing-memory: only the memory of large concurrent listings (see ListingMemory).
// With --telemetry on|off: Occi:Telemetry:Metrics on or off (on is the server's default) and Traces off, so "off"
// measures the gateway with no instrument listened to at all (issue 17: telemetry's cost).
// With --basic: Occi:Auth:Schemes=Basic, a users file made as README says (hash-password), and every request to
// the server carrying the user's Authorization header (issue 14: the figures must hold with Basic on).
// With --telemetry-cost --telemetry on|off: one round of bench/telemetry-cost.sh (TelemetryCost); with
// --telemetry-cost-summary FILE: the rounds' lines in FILE summed up (medians, spread, telemetry's cost).
if (Array.IndexOf(args, "--telemetry-cost-summary") is var summary and >= 0 && summary + 1 < args.Length)
{
    TelemetryCost.Summarize(args[summary + 1]);
    return;
}
var seconds = Arg("--seconds", 5);
var connections = Arg("--connections", 16);
var resources = Arg("--resources", 10000);
var createsOnly = args.Contains("--creates-only"); // for quick work on the create path
var duration = TimeSpan.FromSeconds(seconds);

var dataPath = Path.Combine(Path.GetTempPath(), "occi-loadtest-" + Guid.NewGuid().ToString("N"));
// Any "--Occi:Key value" or "--Logging:Key value" pair given to the load test goes to the server (e.g.
// --Occi:Embedded:DurableCommits true); they come after the Warning default, so they override it.
var serverSettings = args.Select((a, i) => (a, i))
    .Where(p => (p.a.StartsWith("--Occi:", StringComparison.Ordinal) || p.a.StartsWith("--Logging:", StringComparison.Ordinal)) && p.i + 1 < args.Length)
    .SelectMany(p => new[] { p.a, args[p.i + 1] });
var telemetry = Array.IndexOf(args, "--telemetry") is var t and >= 0 && t + 1 < args.Length ? args[t + 1] : "as configured";
if (telemetry is not ("on" or "off" or "as configured")) throw new ArgumentException($"--telemetry takes on or off, not '{telemetry}'");
if (telemetry != "as configured")
    serverSettings = serverSettings.Concat(["--Occi:Telemetry:Metrics", telemetry == "on" ? "true" : "false", "--Occi:Telemetry:Traces", "false"]);
var basic = args.Contains("--basic");
if (basic) serverSettings = serverSettings.Concat(BasicUsersFile(dataPath));
var isolation = args.Contains("--provider-isolation");
if (isolation) serverSettings = serverSettings.Concat(ProviderIsolation.Settings);
var occi = OcciServerApp.Build(["--urls", "http://127.0.0.1:0", "--Occi:DataPath", dataPath, "--Logging:LogLevel:Default", "Warning", .. serverSettings]);
await occi.StartAsync();
var occiUri = AddressOf(occi);
if (basic) LoadClient.Authorization = (occiUri, "Basic " + Convert.ToBase64String("load:load-password"u8));
Console.WriteLine($"authentication: {(basic ? "Basic (one user, the default 600,000 PBKDF2 iterations)" : "None")}; telemetry {telemetry}; load average at the start: {GetScenarios.LoadAverage()}");

if (args.Contains("--listing-memory"))
{
    await ListingMemory.RunAsync(occiUri, Arg("--members", 2000), Arg("--title-bytes", 50000), Arg("--concurrent", 6), Arg("--gets", 60));
    await occi.StopAsync();
    try { Directory.Delete(dataPath, true); } catch (IOException) { }
    return;
}

var bareBuilder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--hostBuilder:reloadConfigOnChange=false"]);
bareBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
var bare = bareBuilder.Build();
var fixedBody = "X-OCCI-Location: http://127.0.0.1/compute/0\n"u8.ToArray();
bare.MapGet("/bare", (HttpContext c) => { c.Response.ContentType = "text/plain"; c.Response.ContentLength = fixedBody.Length; return c.Response.Body.WriteAsync(fixedBody).AsTask(); });
GetScenarios.MapBare(bare);
CreateStages.MapBare(bare);
await bare.StartAsync();
var bareUri = AddressOf(bare);

Console.WriteLine($"OCCI server {occiUri}, bare endpoint {bareUri}; {connections} connections, {seconds} s per scenario, {Environment.ProcessorCount} cores");

const string compute = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.title=\"load\"\nX-OCCI-Attribute: occi.compute.cores=2\n";
var create = LoadClient.Request("POST", "/compute/", occiUri, body: compute);
string oneCompute;
using (var first = await LoadClient.ConnectAsync(occiUri))
{
    var (status, location) = await first.SendAsync(create, wantLocation: true);
    if (status != 201) throw new InvalidOperationException($"create answered {status}");
    oneCompute = new Uri(location!).AbsolutePath;
}

if (isolation)
{
    await ProviderIsolation.RunAsync(occiUri, oneCompute, duration, Arg("--connections", 2));
    await Task.WhenAll(occi.StopAsync(), bare.StopAsync());
    try { Directory.Delete(dataPath, true); } catch (IOException) { }
    return;
}

if (args.Contains("--telemetry-cost"))
{
    if (telemetry is not ("on" or "off")) throw new ArgumentException("--telemetry-cost takes --telemetry on or off");
    await TelemetryCost.RunRoundAsync(occiUri, bareUri, oneCompute, telemetry, duration);
    await Task.WhenAll(occi.StopAsync(), bare.StopAsync());
    try { Directory.Delete(dataPath, true); } catch (IOException) { }
    return;
}

// With --create-stages N: only the bytes N creates allocate, stage by stage and over HTTP (issue 13, see CreateStages).
if (Arg("--create-stages", 0) is var staged and > 0)
{
    await CreateStages.RunAsync(occi.Services, occiUri, bareUri, compute, create, oneCompute, staged);
    await occi.StopAsync();
    await bare.StopAsync();
    try { Directory.Delete(dataPath, true); } catch (IOException) { }
    return;
}

// With --sustained-creates N: only creates for N seconds on --connections connections (issue 13, see CreateLoad).
if (Arg("--sustained-creates", 0) is var sustained and > 0)
{
    await CreateLoad.RunAsync(occiUri, create, connections, TimeSpan.FromSeconds(sustained), TimeSpan.FromSeconds(Arg("--warmup", 10)));
    await occi.StopAsync();
    await bare.StopAsync();
    try { Directory.Delete(dataPath, true); } catch (IOException) { }
    return;
}

// The listings first, on a collection of exactly the wanted size, filled by several connections.
var results = new List<LoadResult>();
if (!createsOnly)
{
    var have = 1;
    await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
    {
        using var c = await LoadClient.ConnectAsync(occiUri);
        while (Interlocked.Increment(ref have) <= resources) await c.SendAsync(create);
    }));
    results.AddRange(await GetScenarios.RunAsync(occiUri, bareUri, oneCompute, duration, connections == 2 ? [2] : [2, connections],
        allocationsOnly: args.Contains("--allocations-only")));
    if (args.Contains("--gets-only") || args.Contains("--allocations-only"))
    {
        Console.WriteLine($"load average at the end: {GetScenarios.LoadAverage()}");
        await Task.WhenAll(occi.StopAsync(), bare.StopAsync());
        try { Directory.Delete(dataPath, true); } catch (IOException) { }
        return;
    }
    results.Add(await LoadRun.RunAsync($"GET /compute/ ({resources} members, uri-list)", occiUri, LoadClient.Request("GET", "/compute/", occiUri, accept: "text/uri-list"), 4, duration));
}

// 1,000 creates from one connection, one at a time: the time for the lot. Warm up first: the target is
// the steady state, not the JIT's first tiers. Tiered compilation and PGO keep improving the create path
// for several seconds (here: 1,000 creates took 0.72 s after 2 s of warm-up, 0.49 s after 6 s, 0.30 s
// after 10 s), so the default is 10 s; --warmup N sets N seconds.
var warmCreates = 0;
var warmClock = Stopwatch.StartNew();
using (var warm = await LoadClient.ConnectAsync(occiUri))
    while (warmClock.Elapsed < TimeSpan.FromSeconds(Arg("--warmup", 10)) || warmCreates < 200)
        for (var i = 0; i < 50; i++, warmCreates++) await warm.SendAsync(create);
Console.WriteLine($"warm-up: {warmCreates:N0} creates in {warmClock.Elapsed.TotalSeconds:N1} s");
double createSeconds;
TimeSpan createCpu;
var createLatencies = new long[1000];
using (var client = await LoadClient.ConnectAsync(occiUri))
{
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < 1000; i++)
    {
        var started = sw.ElapsedTicks;
        if ((await client.SendAsync(create)).Status is var status && status != 201) throw new InvalidOperationException($"create answered {status}");
        createLatencies[i] = sw.ElapsedTicks - started;
    }
    createSeconds = sw.Elapsed.TotalSeconds;
    createCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
}
// Process CPU time (server and client together) tells work from waiting when the machine is busy.
Console.WriteLine($"1,000 creates, one connection: {createSeconds:N3} s, {createCpu.TotalMicroseconds / 1000:N0} µs CPU per create (server and client)");
// The spread tells a steady cost from a few long stalls (a compaction, a checkpoint, a GC).
Array.Sort(createLatencies);
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
var slow = createLatencies.Where(t => Ms(t) > 1).ToArray();
Console.WriteLine($"  each create: p50 {Ms(createLatencies[500]):N3} ms, p90 {Ms(createLatencies[900]):N3} ms, p99 {Ms(createLatencies[990]):N3} ms, max {Ms(createLatencies[999]):N1} ms; {slow.Length} over 1 ms, {slow.Sum(Ms):N0} ms in all");
// The same 1,000 creates pipelined 20 deep on one connection: the server's own cost per create, without a
// round trip between requests (reported beside the sequential figure, not in place of it).
double pipelinedSeconds;
using (var client = await LoadClient.ConnectAsync(occiUri))
{
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < 1000; i += 20)
        if (await client.SendPipelinedAsync(create, 20, 201) != 20) throw new InvalidOperationException("a pipelined create did not answer 201");
    pipelinedSeconds = sw.Elapsed.TotalSeconds;
}
Console.WriteLine($"1,000 creates, one connection, pipelined 20 deep: {pipelinedSeconds:N3} s");
// The same client, one request at a time on one connection: a GET of one compute, and the bare endpoint.
// They are the floor a create cannot go below on this machine (the HTTP round trip and its thread hops).
var getSeconds = await SequentialSecondsAsync(occiUri, LoadClient.Request("GET", oneCompute, occiUri));
var bareSeconds = await SequentialSecondsAsync(bareUri, LoadClient.Request("GET", "/bare", bareUri));
Console.WriteLine($"1,000 GETs of one compute, one connection: {getSeconds:N3} s; 1,000 GETs of the bare endpoint: {bareSeconds:N3} s");
if (createsOnly)
{
    Console.WriteLine($"load average at the end: {GetScenarios.LoadAverage()}");
    await occi.StopAsync();
    await bare.StopAsync();
    try { Directory.Delete(dataPath, true); } catch (IOException) { }
    return;
}

var bareRps = results[0].RequestsPerSecond;
Console.WriteLine();
Console.WriteLine($"| {"scenario",-44} | {"req/s",10} | {"of bare",7} | {"p50 ms",8} | {"p99 ms",8} | {"errors",6} |");
Console.WriteLine($"|{new string('-', 46)}|{new string('-', 12)}|{new string('-', 9)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 8)}|");
foreach (var r in results)
    Console.WriteLine($"| {r.Name,-44} | {r.RequestsPerSecond,10:N0} | {r.RequestsPerSecond / bareRps,7:P0} | {r.P50Ms,8:N2} | {r.P99Ms,8:N2} | {r.Errors,6} |");
Console.WriteLine($"| {"1,000 creates, one connection",-44} | {1000 / createSeconds,10:N0} | {"",7} | {"",8} | {"",8} | {"",6} |  total {createSeconds:N3} s");
Console.WriteLine($"| {"1,000 creates, one connection, pipelined",-44} | {1000 / pipelinedSeconds,10:N0} | {"",7} | {"",8} | {"",8} | {"",6} |  total {pipelinedSeconds:N3} s");
Console.WriteLine($"| {"1,000 GETs of one compute, one at a time",-44} | {1000 / getSeconds,10:N0} | {bareSeconds / getSeconds,7:P0} | {"",8} | {"",8} | {"",6} |  total {getSeconds:N3} s");
Console.WriteLine($"| {"1,000 GETs of the bare endpoint, one at a time",-44} | {1000 / bareSeconds,10:N0} | {"",7} | {"",8} | {"",8} | {"",6} |  total {bareSeconds:N3} s");
Console.WriteLine();
Console.WriteLine("Targets: GET /-/ ≥ 50% of bare; GET one compute ≥ 20,000 req/s; GET /compute/ p99 < 50 ms; 1,000 creates < 0.25 s.");
Console.WriteLine($"load average at the end: {GetScenarios.LoadAverage()}");

await occi.StopAsync();
await bare.StopAsync();
try { Directory.Delete(dataPath, true); } catch (IOException) { }

static async Task<double> SequentialSecondsAsync(Uri server, byte[] request)
{
    using var client = await LoadClient.ConnectAsync(server);
    for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(1);) await client.SendAsync(request);
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < 1000; i++) await client.SendAsync(request);
    return sw.Elapsed.TotalSeconds;
}

// The users file of --basic, one user in tenant "load", its hash made by the server's own hash-password command.
static string[] BasicUsersFile(string dataPath)
{
    Directory.CreateDirectory(dataPath);
    var hash = new StringWriter();
    if (HashPasswordCommand.Run(new StringReader("load-password"), hash, Console.Error) != 0) throw new InvalidOperationException("hash-password failed");
    var path = Path.Combine(dataPath, "users");
    File.WriteAllText(path, $"load:{hash.ToString().Trim()}:load\n");
    return ["--Occi:Auth:Schemes", "Basic", "--Occi:Auth:Basic:UsersFile", path];
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

static Uri AddressOf(WebApplication app) =>
    new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
