using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Cloudkeeper;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// A server with Occi:Cloudkeeper on (a gRPC port with TLS and the core's DN allowed) over the fixture's backend, a
/// test clock, and the core played by <see cref="CloudkeeperCore"/> with its host certificate.
/// </summary>
public abstract class CloudkeeperTest
{
    public const string OsScheme = "http://occigateway.local/occi/infrastructure/os_tpl#";
    public const string ListA = "76fdee70-8119-5d33-9f40-3c57e1c60df1";

    protected const string A = "0d3a51b5-3d5c-4e6a-8f0e-6f2b3b0e5a01";
    protected const string B = "5b7f6c1e-9a43-4d0e-b1c2-7d8e9f0a1b02";
    protected const string C = "9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e03";

    /// <summary>The core's first run for a new image list: PreAction → RemoveExpiredAppliances → ImageLists → AddAppliance × 3 → PostAction.</summary>
    protected async Task FirstSyncAsync()
    {
        await Core.Client.PreActionAsync(new Empty());
        await Core.Client.RemoveExpiredAppliancesAsync(new Empty());
        Assert.That(await Core.ImageListsAsync(), Is.Empty);
        await Core.AddAsync(Core.Appliance(A, ListA, "Ubuntu 24.04, minimal", ImageBytes(1)));
        await Core.AddAsync(Core.Appliance(B, ListA, "CentOS 7", ImageBytes(2)));
        await Core.AddAsync(Core.Appliance(C, ListA, "Debian 12", ImageBytes(3), expiration: Clock.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds()));
        await Core.Client.PostActionAsync(new Empty());
    }

    protected CloudkeeperCredentials Credentials = null!;
    protected RunningServer Server = null!;
    protected CloudkeeperCore Core = null!;
    protected FakeTimeProvider Clock = null!;

    /// <summary>The backend's settings (the simulator by default).</summary>
    protected virtual (string Key, string Value)[] BackendSettings => [];

    /// <summary>More settings of the fixture (authentication, say).</summary>
    protected virtual (string Key, string Value)[] MoreSettings => [];

    /// <summary>The os_tpl scheme the backend boots registered images under.</summary>
    protected virtual string Scheme => OsScheme;

    [OneTimeSetUp]
    public async Task MakeCertificates()
    {
        if (GridCredentials.Missing() is { } why) Assert.Ignore(why);
        Credentials = await CloudkeeperCredentials.CreateAsync();
    }

    [OneTimeTearDown]
    public void RemoveCertificates() => Credentials?.Dispose();

    [SetUp]
    public async Task StartServer()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await StartAsync(null);
    }

    [TearDown]
    public async Task StopServer()
    {
        Core?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>(Re)starts the server on <paramref name="dataPath"/> and connects the core as "core".</summary>
    protected async Task StartAsync(string? dataPath, params (string Key, string Value)[] more)
    {
        Server = await RunningServer.StartAsync(dataPath, s => s.AddSingleton<TimeProvider>(Clock), Credentials.Settings([.. BackendSettings, .. MoreSettings, .. more]));
        Core = Connect("core");
    }

    protected async Task RestartAsync()
    {
        Core.Dispose();
        var data = Server.DataPath;
        await Server.StopAsync();
        await StartAsync(data);
    }

    protected int GrpcPort => Server.Services.GetRequiredService<CloudkeeperEndpoint>().Port;

    protected CloudkeeperCore Connect(string? certificate) =>
        new(GrpcPort, certificate is null ? null : Credentials.Client(certificate), Credentials.Grid.CaCertificate) { Ram = ApplianceRam };

    /// <summary>The memory (MiB) the core's appliances ask for.</summary>
    protected virtual long ApplianceRam => 1024;

    /// <summary>The appliance os_tpl mixins of the query interface (application/occi+json): term → title and attribute defaults.</summary>
    protected async Task<Dictionary<string, ApplianceMixin>> ApplianceMixinsAsync(System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/-/");
        request.Headers.Accept.ParseAdd("application/occi+json");
        request.Headers.Authorization = authorization;
        using var response = await Server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        using var json = JsonDocument.Parse(body);
        var found = new Dictionary<string, ApplianceMixin>();
        foreach (var mixin in json.RootElement.GetProperty("mixins").EnumerateArray())
        {
            if (mixin.GetProperty("scheme").GetString() != Scheme || mixin.GetProperty("term").GetString() is not { } term || !term.StartsWith("uuid_", StringComparison.Ordinal))
                continue;
            var attributes = new Dictionary<string, string>();
            if (mixin.TryGetProperty("attributes", out var defined))
                foreach (var a in defined.EnumerateObject())
                    attributes[a.Name] = a.Value.TryGetProperty("default", out var d) ? (d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetRawText()) : "";
            found[term] = new ApplianceMixin(mixin.GetProperty("title").GetString() ?? "", attributes);
        }
        return found;
    }

    public sealed record ApplianceMixin(string Title, IReadOnlyDictionary<string, string> Attributes);

    protected static string TermOf(string identifier) => "uuid_" + identifier.ToLowerInvariant();

    protected virtual byte[] ImageBytes(int seed, int length = 64 * 1024)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
