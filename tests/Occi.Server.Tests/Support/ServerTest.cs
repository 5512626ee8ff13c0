using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Occi.Server.Tests.Support;

/// <summary>Base of the HTTP tests: a fresh server per test, and short-hands for the requests tests repeat.</summary>
public abstract class ServerTest(string backend = "Local")
{
    protected RunningServer Server = null!;
    protected HttpClient Http => Server.Client;

    /// <summary>
    /// The backend this fixture's server runs on: "Local", "LocalCreatedInactive" (the simulator with
    /// Occi:Local:BootOnCreate=false, its behaviour before computes booted), or "Libvirt" on libvirt's test:///default driver.
    /// </summary>
    protected string Backend { get; } = backend;

    /// <summary>Configuration the server of this fixture starts with (the backend, say).</summary>
    protected virtual (string Key, string Value)[] Settings => Backend switch
    {
        "Libvirt" => [("Occi:Backend", "Libvirt"), ("Occi:Libvirt:Uri", "test:///default"), ("Occi:Libvirt:StoragePool", "default-pool")],
        "LocalCreatedInactive" => [("Occi:Local:BootOnCreate", "false")],
        _ => [],
    };

    /// <summary>
    /// Whether a new compute boots by itself: it does on every backend, as on a real cloud (libvirt defines and
    /// starts the domain, the simulator boots it), unless the fixture turns the simulator's BootOnCreate off.
    /// </summary>
    protected bool CreatesRunning => !Settings.Any(s => s is ("Occi:Local:BootOnCreate", "false"));

    private bool IsLibvirt => Settings.Any(s => s is ("Occi:Backend", "Libvirt"));

    [SetUp]
    public async Task StartServer()
    {
        if (IsLibvirt && !LibvirtIsInstalled)
            Assert.Ignore("libvirt.so.0 is not installed (apt-get install libvirt0): the libvirt variant cannot run");
        Server = await RunningServer.StartAsync(null, ConfigureServices, Settings);
    }

    /// <summary>Replaces server services for this fixture (a test clock, say); runs after the gateway's registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    private static bool LibvirtIsInstalled =>
        File.Exists("/usr/lib/x86_64-linux-gnu/libvirt.so.0") || File.Exists("/usr/lib64/libvirt.so.0") || File.Exists("/usr/lib/libvirt.so.0");

    /// <summary>
    /// Whether this fixture keeps a test:///default connection of its own open across its tests on purpose (an image
    /// volume its servers offer); its tests then share the driver's state, which ends when the fixture closes it.
    /// </summary>
    protected virtual bool HoldsTestDriverState => false;

    [TearDown]
    public async Task StopServer()
    {
        if (Server is not null) await Server.DisposeAsync();
        // test:///default keeps one state per process while any connection to it is open: a server whose libvirt
        // connection outlived it would show its domains to the next fixture. With every connection closed, the
        // driver is back to its sample domain alone.
        if (IsLibvirt && LibvirtIsInstalled && !HoldsTestDriverState)
        {
            // A handle dropped undisposed holds its connection until its finalizer runs: run them, then look.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.That(TestDriverDomains.HeldOpenElsewhere(), Is.False, "a libvirt connection of this test outlived its servers");
            Assert.That(TestDriverDomains.Names(), Is.EqualTo(new[] { TestDriverDomains.Sample }), "test:///default once this test's servers are gone");
        }
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null,
        string contentType = "text/plain", string? accept = "text/plain", params (string Name, string Value)[] headers)
    {
        var request = Server.Request(method, path, accept);
        if (body is not null) request.Content = RunningServer.TextPlain(body, contentType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Http.SendAsync(request);
    }

    /// <summary>Creates a compute with text/plain and returns its path ("/compute/…").</summary>
    protected async Task<string> CreateComputeAsync(string extraLines = "")
    {
        var response = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\n" + extraLines);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return response.Headers.Location!.AbsolutePath;
    }

    /// <summary>The state a new compute has: active once booted (see <see cref="CreatesRunning"/>).</summary>
    protected string InitialComputeState => CreatesRunning ? "active" : "inactive";

    /// <summary>A compute brought to the inactive state whatever the backend does on create.</summary>
    protected async Task<string> CreateInactiveComputeAsync(string extraLines = "")
    {
        var compute = await CreateComputeAsync(extraLines);
        if (CreatesRunning)
        {
            var stop = await SendAsync(HttpMethod.Post, compute + "?action=stop", OcciText.Action("compute", "stop") + "\nX-OCCI-Attribute: method=\"poweroff\"");
            Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stop.Content.ReadAsStringAsync());
        }
        return compute;
    }

    /// <summary>A storage of 5 GiB, online from its creation (the simulator takes no time here: Occi:Local:ActionDelayMs is 0).</summary>
    protected async Task<string> CreateOnlineStorageAsync()
    {
        var storage = await CreateAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=5");
        Assert.That(OcciText.Attribute(await GetTextAsync(storage), "occi.storage.state"), Is.EqualTo("online"));
        return storage;
    }

    protected async Task<string> CreateAsync(string kindPath, string body)
    {
        var response = await SendAsync(HttpMethod.Post, kindPath, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return response.Headers.Location!.AbsolutePath;
    }

    protected async Task<string> GetTextAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, string accept = "text/plain")
    {
        var response = await SendAsync(HttpMethod.Get, path, accept: accept);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return text;
    }
}
