using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The gateway on Kestrel with Occi:Backend = OpenStack against the real cloud, acting as the configured demo
/// account (authentication off), pointed at the tests' own public network; clients talk text/plain over HTTP.
/// </summary>
[Category(OpenStackDirect.Category)]
public abstract class GatewayTest
{
    /// <summary>Occi:OpenStack:GatewayTag of the tests' gateway, not the default: what it makes must carry the configured tag.</summary>
    public const string Tag = "occigateway-tests";

    private protected RunningServer Server = null!;
    private protected OpenStackDirect Demo = null!;
    private protected PublicNetworkFixture Public = null!;

    /// <summary>A /24 of the test fixture's public network, one per fixture class so two never clash.</summary>
    protected abstract string PublicCidr { get; }

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _ = OpenStackCloud.IdentityUrl; // skipped with the reason when there is no cloud
        Demo = await OpenStackDirect.AsAsync();
        Public = await PublicNetworkFixture.CreateAsync(PublicCidr);
        await BeforeGatewayAsync();
        Server = await RunningServer.StartAsync(null, null, Settings().ToArray());
    }

    /// <summary>What a fixture makes in the cloud before the gateway starts (and so reads its model).</summary>
    protected virtual Task BeforeGatewayAsync() => Task.CompletedTask;

    /// <summary>What a fixture removes from the cloud after the gateway stopped.</summary>
    protected virtual Task AfterGatewayAsync() => Task.CompletedTask;

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        if (Server is not null) await Server.DisposeAsync();
        await AfterGatewayAsync();
        if (Public is not null) await Public.DisposeAsync();
        Demo?.Dispose();
    }

    protected virtual IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Occi:Backend", "OpenStack"),
        ("Occi:OpenStack:IdentityUrl", OpenStackCloud.IdentityUrl),
        ("Occi:OpenStack:Username", "demo"),
        ("Occi:OpenStack:Password", "secret"),
        ("Occi:OpenStack:ProjectName", "demo"),
        ("Occi:OpenStack:PublicNetwork", Public.Name),
        ("Occi:OpenStack:GatewayTag", Tag),
    ];

    private protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, bool noCache = false)
    {
        using var request = Server.Request(method, path);
        if (body is not null) request.Content = RunningServer.TextPlain(body);
        if (noCache) request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        return await Server.Client.SendAsync(request);
    }

    /// <summary>What the running test made through the gateway, newest last: <see cref="RemoveWhatTheTestMade"/> deletes what is left.</summary>
    private readonly Stack<string> _made = new();

    /// <summary>POSTs to a kind's collection; returns the new entity's path.</summary>
    private protected async Task<string> CreateAsync(string collection, string body)
    {
        using var response = await SendAsync(HttpMethod.Post, collection, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return Made(response.Headers.Location!.AbsolutePath);
    }

    private protected string Made(string path)
    {
        _made.Push(path);
        return path;
    }

    /// <summary>Whatever way a test ended, what it made is deleted (links before their ends: newest first), so the shared cloud keeps nothing of it.</summary>
    [TearDown]
    public async Task RemoveWhatTheTestMade()
    {
        while (_made.TryPop(out var path)) await DeleteWhenSettledAsync(path);
    }

    /// <summary>GET of an entity's text rendering, asking the cloud now (Cache-Control: no-cache).</summary>
    private protected async Task<string> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, noCache: true);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }

    private protected async Task<string?> AttributeAsync(string path, string name) => OcciText.Attribute(await GetAsync(path), name);

    /// <summary>Waits (bounded) until the entity's attribute reads <paramref name="value"/>: the cloud settling, not a timing.</summary>
    private protected Task<string?> UntilAsync(string path, string attribute, string value, double seconds = 60) =>
        OpenStackDirect.EventuallyAsync(() => AttributeAsync(path, attribute), v => v == value, $"{path} {attribute}={value}", seconds);

    private protected async Task DeleteAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Delete, path);
        Assert.That((int)response.StatusCode, Is.AnyOf(200, 204), await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Deletes, retrying (bounded) while the cloud answers 409 for a state it is leaving (a volume Cinder is still
    /// detaching): what a client told "retry once that has finished" does.
    /// </summary>
    private protected Task DeleteWhenSettledAsync(string path, double seconds = 60) =>
        OpenStackDirect.EventuallyAsync(async () =>
        {
            using var response = await SendAsync(HttpMethod.Delete, path);
            return (int)response.StatusCode;
        }, status => status is 200 or 204 or 404, $"DELETE {path}", seconds);

    protected static string Storage(int sizeGiB, string? title = null) =>
        OcciText.StorageCategory + $"\nX-OCCI-Attribute: occi.storage.size={sizeGiB}" + (title is null ? "" : $"\nX-OCCI-Attribute: occi.core.title=\"{title}\"");

    protected const string IpNetworkMixin = "Category: ipnetwork; scheme=\"http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\"";

    protected static string Network(string? cidr = null, string? gateway = null, string allocation = "dynamic") =>
        OcciText.NetworkCategory + (cidr is null ? "" :
            $"\n{IpNetworkMixin}\nX-OCCI-Attribute: occi.network.address=\"{cidr}\"\nX-OCCI-Attribute: occi.network.allocation=\"{allocation}\""
            + (gateway is null ? "" : $"\nX-OCCI-Attribute: occi.network.gateway=\"{gateway}\""));

    protected static string IdOf(string path) => path[(path.LastIndexOf('/') + 1)..];
}
