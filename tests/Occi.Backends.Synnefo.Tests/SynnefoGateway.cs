using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>
/// The gateway on Kestrel with Occi:Backend = Synnefo against the in-test Synnefo simulator, callers authenticating
/// with their Astakos token (Occi:Auth:Schemes = Astakos) unless a test says otherwise; clients talk text/plain.
/// Each test gets its own simulator and gateway, so what the cloud holds afterwards is that test's doing alone.
/// </summary>
internal sealed class SynnefoGateway : IAsyncDisposable
{
    public const string OsScheme = "http://schemas.synnefo.org/template/os#";
    public const string ResourceScheme = "http://schemas.synnefo.org/template/resource#";
    public const string DebianImage = "5583ffe1-5273-4c84-9e32-2fbe476bd7b7";

    private SynnefoGateway(SynnefoSimulator synnefo, RunningServer server)
    {
        Synnefo = synnefo;
        Server = server;
    }

    public SynnefoSimulator Synnefo { get; }
    public SimulatedCloud Cloud => Synnefo.Cloud;
    public RunningServer Server { get; }

    public static async Task<SynnefoGateway> StartAsync(Action<IServiceCollection>? services = null, params (string Key, string Value)[] extra)
    {
        var synnefo = await SynnefoSimulator.StartAsync();
        (string, string)[] settings =
        [
            ("Occi:Backend", "Synnefo"),
            ("Occi:Auth:Schemes", "Astakos"),
            ("Occi:Synnefo:IdentityUrl", synnefo.IdentityUrl),
            // The model's templates are read with a token of the operator's.
            ("Occi:Synnefo:Token", SimulatedCloud.Token),
            ("Occi:Synnefo:RetryCount", "0"),
            // No read cache unless a test turns it on: most tests change the simulated cloud and read what the gateway shows at once.
            ("Occi:Synnefo:StalenessSeconds", "0"),
            .. extra,
        ];
        try
        {
            return new SynnefoGateway(synnefo, await RunningServer.StartAsync(null, services, settings));
        }
        catch
        {
            await synnefo.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The gateway on <paramref name="clock"/>: every wait of it (breakers, staleness, the change follower) moves when the
    /// test moves the clock. The model refresh runs on it too, so it is kept out of the way (hourly).
    /// </summary>
    public static Task<SynnefoGateway> StartOnAsync(FakeTimeProvider clock, params (string Key, string Value)[] extra) =>
        StartAsync(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), [("Occi:ModelRefreshSeconds", "3600"), .. extra]);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Synnefo.DisposeAsync();
    }

    /// <summary>A request as a client holding <paramref name="token"/> sends it (no token: none).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? token = SimulatedCloud.Token)
    {
        using var request = Server.Request(method, path);
        if (token is not null) request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        if (body is not null) request.Content = RunningServer.TextPlain(body);
        return await Server.Client.SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Body)> AskAsync(HttpMethod method, string path, string? body = null, string? token = SimulatedCloud.Token)
    {
        using var response = await SendAsync(method, path, body, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GET with Cache-Control: no-cache: the gateway asks the cloud now rather than answer from what it knows.</summary>
    public async Task<(HttpStatusCode Status, string Body)> AskLiveAsync(string path)
    {
        using var request = Server.Request(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", SimulatedCloud.Token);
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var response = await Server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A compute of the Debian image and the given flavor name, as rOCCI-cli would send it.</summary>
    public static string Compute(string flavor = "C1R1024D20drbd", string image = DebianImage, string? extra = null) =>
        OcciText.ComputeCategory
        + $"\nCategory: {image}; scheme=\"{OsScheme}\"; class=\"mixin\""
        + $"\nCategory: {flavor}; scheme=\"{ResourceScheme}\"; class=\"mixin\""
        + (extra is null ? "" : "\n" + extra);

    /// <summary>POSTs an entity (a compute unless <paramref name="collection"/> says otherwise); returns its path (asserting 201).</summary>
    public async Task<string> CreateAsync(string body, string collection = "/compute/")
    {
        using var response = await SendAsync(HttpMethod.Post, collection, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.AbsolutePath;
    }

    /// <summary>The one server of the cloud that carries the OCCI id of <paramref name="path"/> in its metadata.</summary>
    public SimulatedServer ServerOf(string path)
    {
        var id = path[(path.LastIndexOf('/') + 1)..];
        return Cloud.Servers.Values.Single(s => s.Metadata.GetValueOrDefault("occi_id") == id);
    }
}
