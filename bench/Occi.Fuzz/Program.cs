using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Occi.Fuzz;
using Occi.Server.Hosting;

// The long run of the suite's fuzz test (issue 11): mutated requests over every route and media type against
// the server on the Local backend, in-process on a loopback port with a fresh data folder, or against a
// running server given by --url (loopback only). Bounded by --requests and --seconds; exits 1 on findings.
// Usage: dotnet run -c Release --project bench/Occi.Fuzz [-- --seed 1 --requests 100000 --seconds 300 --url http://127.0.0.1:8080]
var seed = Arg("--seed", Environment.TickCount);
var requests = Arg("--requests", 100_000);
var seconds = Arg("--seconds", 300);
var url = args.SkipWhile(a => a != "--url").Skip(1).FirstOrDefault();

WebApplication? app = null;
string? dataPath = null;
Uri server;
if (url is null)
{
    dataPath = Path.Combine(Path.GetTempPath(), "occi-fuzz-" + Guid.NewGuid().ToString("N"));
    app = OcciServerApp.Build(["--urls", "http://127.0.0.1:0", "--Occi:DataPath", dataPath, "--Logging:LogLevel:Default", "Error"]);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    server = new Uri(address.TrimEnd('/') + "/");
}
else server = new Uri(url);

Console.WriteLine($"fuzzing {server} with seed {seed}, at most {requests:N0} requests or {seconds} s");
using var session = new FuzzSession(server, new FuzzOptions(seed, requests, TimeSpan.FromSeconds(seconds)));
var report = await session.RunAsync(CancellationToken.None);
foreach (var finding in report.Findings.Take(50)) Console.WriteLine(finding + "\n");
Console.WriteLine(report);

if (app is not null)
{
    await app.StopAsync();
    await app.DisposeAsync();
    try { Directory.Delete(dataPath!, recursive: true); } catch (IOException) { }
}
return report.Findings.Count == 0 ? 0 : 1;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
