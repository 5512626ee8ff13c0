using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Hosting;

// Issue 15's OpenStack benchmark, in one run against a real OpenStack (../shared/openstack, or any whose Keystone
// --identity names): the gateway (Occi:Backend=OpenStack, authentication off, the configured account) against the same
// Nova calls made directly with the same account's token, one request at a time on one connection each:
//   reads: GET of one compute vs Nova's GET /servers/{id}; GET /compute/ vs Nova's GET /servers/detail;
//   writes: --creates times a create and its delete (gateway: POST /compute/ answered 201, DELETE; Nova: POST /servers
//   with the body the gateway sends, its metadata too, answered 202, DELETE /servers/{id}), gateway and Nova taking
//   turns and which goes first alternating, so both meet the same load. Each delete waits (untimed) until Nova shows its
//   server out of BUILD, as a user deletes a machine. --delete-at-once sends it as soon as the create is answered instead:
//   it then races Nova's own scheduling of the server, and its time depends on the moment it reaches Nova (the
//   gateway's arrives about a millisecond later; the README's OpenStack section has what that does). --delete-when-built,
//   the default since session 10, is still accepted.
// Usage: dotnet run -c Release --project bench/Occi.OpenStackBench [-- --identity URL --user demo --seconds 10 --creates 20
//   --delete-at-once --warmup-rounds 2 --trace --Occi:Some:Key value]
// --warmup-rounds (default 2) untimed rounds on each side go first, as the reads have their warm-up requests: Nova has
// served for minutes, and a gateway just started would otherwise time its first creates and deletes through code the
// runtime has not compiled yet.
// Loopback only; bounded in count and time; removes the servers it made.
var identity = Arg("--identity", "http://127.0.0.1:5000/v3").TrimEnd('/');
var user = Arg("--user", "demo");
var seconds = int.Parse(Arg("--seconds", "10"), CultureInfo.InvariantCulture);
var creates = int.Parse(Arg("--creates", "20"), CultureInfo.InvariantCulture);
var deleteWhenBuilt = !args.Contains("--delete-at-once");
var warmupRounds = int.Parse(Arg("--warmup-rounds", "2"), CultureInfo.InvariantCulture);
const string OsScheme = "http://schemas.openstack.org/template/os#";
const string ResourceScheme = "http://schemas.openstack.org/template/resource#";

// --trace: where each create's and delete's time goes (Occi.OpenStackBench/CallTrace), printed after the figures; it
// listens from the first create on, so the read rates are measured without it.
Occi.OpenStackBench.CallTrace? trace = null;

var dataPath = Path.Combine(Path.GetTempPath(), "occi-osbench-" + Guid.NewGuid().ToString("N"));
var gateway = OcciServerApp.Build(["--urls", "http://127.0.0.1:0", "--Occi:DataPath", dataPath, "--Logging:LogLevel:Default", "Warning",
    "--Occi:Backend", "OpenStack", "--Occi:OpenStack:IdentityUrl", identity, "--Occi:OpenStack:Username", user,
    "--Occi:OpenStack:Password", "secret", "--Occi:OpenStack:ProjectName", user, .. GatewaySettings()]);
await gateway.StartAsync();
var address = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var occi = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
occi.DefaultRequestHeaders.Accept.ParseAdd("text/plain");

var (token, catalogNova, catalogGlance) = await TokenAsync();
using var nova = new HttpClient { BaseAddress = new Uri(catalogNova.TrimEnd('/') + "/") };
nova.DefaultRequestHeaders.Add("X-Auth-Token", token);
nova.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute 2.79");
nova.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
var image = (await JsonAsync(nova, catalogGlance.TrimEnd('/') + "/v2/images?name=tiny"))!["images"]![0]!["id"]!.GetValue<string>();

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
var madeByGateway = new List<string>();
var madeDirect = new List<string>();
try
{
    // One compute to read, through the gateway, and its server for Nova directly.
    var location = await CreateThroughGatewayAsync();
    madeByGateway.Add(location);
    var serverId = await NovaIdOfAsync(location);
    var gatewayOne = await RateAsync(() => Ok(occi.GetAsync(location)));
    var novaOne = await RateAsync(() => Ok(nova.GetAsync("servers/" + serverId)));
    var gatewayList = await RateAsync(() => Ok(occi.GetAsync("compute/")));
    var novaList = await RateAsync(() => Ok(nova.GetAsync("servers/detail")));
    Console.WriteLine($"GET one compute: gateway {gatewayOne:F0} req/s, Nova GET /servers/id {novaOne:F0} req/s ({gatewayOne / novaOne:F1}x)");
    Console.WriteLine($"GET /compute/: gateway {gatewayList:F0} req/s, Nova GET /servers/detail {novaList:F0} req/s ({gatewayList / novaList:F1}x)");

    // One create then its delete, --creates times: a project's instance quota (10 by default) bounds what may exist at once.
    // Gateway and Nova take turns, and which goes first alternates too, so both meet the same load and the same Nova
    // backlog (a server deleted just before is still being torn down by nova-compute).
    var (gatewayCreate, gatewayDelete, directCreate, directDelete) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
    for (var i = 0; i < warmupRounds; i++)
    {
        await GatewayRoundAsync();
        await DirectRoundAsync();
    }
    foreach (var timed in new[] { gatewayCreate, gatewayDelete, directCreate, directDelete }) timed.Clear();
    if (args.Contains("--trace")) trace = new Occi.OpenStackBench.CallTrace(new Uri(address).Port);
    for (var i = 0; i < creates; i++)
    {
        if (i % 2 == 0)
        {
            await GatewayRoundAsync();
            await DirectRoundAsync();
        }
        else
        {
            await DirectRoundAsync();
            await GatewayRoundAsync();
        }
    }
    Console.WriteLine(Compare($"{creates} creates", gatewayCreate, "Nova POST /servers", directCreate));
    Console.WriteLine(Compare($"{creates} deletes", gatewayDelete, "Nova DELETE /servers/id", directDelete));

    async Task GatewayRoundAsync()
    {
        var watch = Stopwatch.StartNew();
        var made = await Traced("gateway create", CreateThroughGatewayAsync);
        gatewayCreate.Add(watch.Elapsed.TotalMilliseconds);
        madeByGateway.Add(made);
        if (deleteWhenBuilt) await BuiltAsync(await NovaIdOfAsync(made));
        watch.Restart();
        await TracedVoid("gateway delete", () => Ok(occi.DeleteAsync(made)));
        gatewayDelete.Add(watch.Elapsed.TotalMilliseconds);
        madeByGateway.Remove(made);
    }

    async Task DirectRoundAsync()
    {
        var watch = Stopwatch.StartNew();
        var direct = await Traced("Nova create", CreateDirectAsync);
        directCreate.Add(watch.Elapsed.TotalMilliseconds);
        madeDirect.Add(direct);
        // The same untimed listing the gateway's round makes to learn its server's id, so Nova has done the same work
        // (a full servers/detail, whose garbage its next requests may pay for) before either side's delete.
        if (deleteWhenBuilt) await BuiltAsync(await ListedAsync(s => s["id"]?.GetValue<string>() == direct));
        watch.Restart();
        await TracedVoid("Nova delete", () => Ok(nova.DeleteAsync("servers/" + direct)));
        directDelete.Add(watch.Elapsed.TotalMilliseconds);
        madeDirect.Remove(direct);
    }
    if (trace is not null)
    {
        trace.Report(Console.Out);
        Console.WriteLine(trace.AgainstNovaAlone("gateway create", "Nova create"));
        Console.WriteLine(trace.AgainstNovaAlone("gateway delete", "Nova delete"));
    }
}
finally
{
    foreach (var made in madeByGateway) await occi.DeleteAsync(made);
    foreach (var made in madeDirect) await nova.DeleteAsync("servers/" + made);
    trace?.Dispose();
    Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    await gateway.StopAsync();
    Directory.Delete(dataPath, recursive: true);
}

async Task<string> CreateThroughGatewayAsync()
{
    using var body = new StringContent(string.Join("\n",
        "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"",
        $"Category: {image}; scheme=\"{OsScheme}\"; class=\"mixin\"",
        $"Category: 1; scheme=\"{ResourceScheme}\"; class=\"mixin\""), Encoding.UTF8, "text/plain");
    using var response = await occi.PostAsync("compute/", body);
    if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return response.Headers.Location!.AbsolutePath;
}

async Task<string> CreateDirectAsync()
{
    var id = Guid.NewGuid().ToString();
    var server = new JsonObject
    {
        // The body the gateway sends for the same create (Compute/NovaClient): its name, image, flavor, no network, and
        // the two metadata items it tags every server with (GatewayMetadata), which Nova stores and later deletes.
        ["server"] = new JsonObject
        {
            ["name"] = "occi-" + id, ["imageRef"] = image, ["flavorRef"] = "1",
            ["metadata"] = new JsonObject { ["occi_gateway"] = "osbench-direct", ["occi_id"] = id }, ["networks"] = "none",
        },
    };
    using var body = new StringContent(server.ToJsonString(), Encoding.UTF8, "application/json");
    using var response = await nova.PostAsync("servers", body);
    if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"Nova create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["server"]!["id"]!.GetValue<string>();
}

async Task<string> NovaIdOfAsync(string location)
{
    var entityId = location.TrimEnd('/').Split('/')[^1];
    return await ListedAsync(s => s["metadata"]?["occi_id"]?.GetValue<string>() == entityId);
}

// The id of the first server Nova's full listing shows that matches.
async Task<string> ListedAsync(Func<JsonNode, bool> match)
{
    var servers = await JsonAsync(nova, "servers/detail");
    return servers!["servers"]!.AsArray().First(s => match(s!))!["id"]!.GetValue<string>();
}

// Until Nova shows the server out of BUILD with no task under way (ACTIVE, or ERROR), for at most two minutes.
async Task BuiltAsync(string serverId)
{
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < TimeSpan.FromMinutes(2))
    {
        var server = (await JsonAsync(nova, "servers/" + serverId))!["server"]!;
        if (server["status"]?.GetValue<string>() != "BUILD" && server["OS-EXT-STS:task_state"]?.GetValue<string>() is null) return;
        await Task.Delay(100);
    }
    throw new TimeoutException($"server {serverId} still building after two minutes");
}

/// <summary>Requests per second of one request at a time for --seconds (at most 100,000 requests).</summary>
async Task<double> RateAsync(Func<Task> request)
{
    for (var i = 0; i < 5; i++) await request(); // warm-up
    var watch = Stopwatch.StartNew();
    var count = 0;
    while (watch.Elapsed.TotalSeconds < seconds && count < 100_000)
    {
        await request();
        count++;
    }
    return count / watch.Elapsed.TotalSeconds;
}

// Mean and median of both sides, and their ratios: on a loaded machine a few slow calls move the mean, not the median.
static string Compare(string what, List<double> gateway, string direct, List<double> nova) => string.Create(CultureInfo.InvariantCulture,
    $"{what}: gateway {gateway.Average():F0} ms each (median {Median(gateway):F0}), {direct} {nova.Average():F0} ms each (median {Median(nova):F0}) ({gateway.Average() / nova.Average():F2}x, medians {Median(gateway) / Median(nova):F2}x)");

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static async Task Ok(Task<HttpResponseMessage> call)
{
    using var response = await call;
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
}

static async Task<JsonNode?> JsonAsync(HttpClient http, string url) => JsonNode.Parse(await http.GetStringAsync(url));

/// <summary>The account's token and its catalog's public compute and image endpoints.</summary>
async Task<(string Token, string Nova, string Glance)> TokenAsync()
{
    using var http = new HttpClient();
    var domain = new JsonObject { ["id"] = "default" };
    var body = new JsonObject
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = user, ["domain"] = domain.DeepClone(), ["password"] = "secret" } },
            },
            ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = user, ["domain"] = domain.DeepClone() } },
        },
    };
    using var response = await http.PostAsync(identity + "/auth/tokens", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    var catalog = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!["catalog"]!.AsArray();
    string Endpoint(string type) => catalog.First(s => s!["type"]!.GetValue<string>() == type)!["endpoints"]!.AsArray()
        .First(e => e!["interface"]!.GetValue<string>() == "public")!["url"]!.GetValue<string>();
    return (response.Headers.GetValues("X-Subject-Token").First(), Endpoint("compute"), Endpoint("image"));
}

async Task<T> Traced<T>(string label, Func<Task<T>> call) => trace is null ? await call() : await trace.MeasureAsync(label, call);

async Task TracedVoid(string label, Func<Task> call) => await Traced(label, async () => { await call(); return true; });

// Any --Occi:… setting on the command line goes to the gateway as it is (e.g. --Occi:OpenStack:StalenessSeconds 60).
IEnumerable<string> GatewaySettings() =>
    args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--Occi:", StringComparison.Ordinal) && p.i + 1 < args.Length).SelectMany(p => new[] { p.a, args[p.i + 1] });

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
