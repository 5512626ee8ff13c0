using System.Net;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests.Gateway;

/// <summary>
/// One simulated Synnefo and one gateway for a fixture of network, storage or quota tests (each test removes what it
/// made); after every test the cloud must hold nothing of the user's — no network, port, floating IP, volume or live
/// server — and the quota limits a test set are lifted.
/// </summary>
public abstract class ResourceGatewayTest
{
    private protected const string LinkScheme = "http://schemas.ogf.org/occi/infrastructure#";
    private protected const string User = SimulatedCloud.UserId;

    private protected SynnefoGateway Gateway = null!;

    private protected SimulatedCloud Cloud => Gateway.Cloud;

    [OneTimeSetUp]
    public async Task StartGateway() => Gateway = await SynnefoGateway.StartAsync();

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
    }

    [TearDown]
    public void TheCloudHoldsNothingLeft()
    {
        Cloud.Quotas.ClearLimits();
        Cloud.Volumes.HoldCreating = false;
        Assert.That(Cloud.Networking.HoldsNothingOf(User), Is.True, "networks, ports or floating IPs left in Cyclades");
        Assert.That(Cloud.Volumes.HoldsNothingOf(User), Is.True, "volumes left in Cyclades");
        Assert.That(Cloud.LiveServersOf(User), Is.Empty, "servers left in Cyclades");
    }

    private protected static string IdOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private protected static string Link(string kind, string source, string target, string? extra = null) =>
        $"Category: {kind}; scheme=\"{LinkScheme}\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.source=\"{source}\"\nX-OCCI-Attribute: occi.core.target=\"{target}\""
        + (extra is null ? "" : "\n" + extra);

    /// <summary>POSTs to a collection; returns the new entity's path (asserting 201).</summary>
    private protected async Task<string> CreateAsync(string collection, string body)
    {
        var (status, text, location) = await PostAsync(collection, body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), text);
        return location!;
    }

    private protected async Task<(HttpStatusCode Status, string Body, string? Location)> PostAsync(string path, string body)
    {
        using var response = await Gateway.SendAsync(HttpMethod.Post, path, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.AbsolutePath);
    }

    private protected async Task<string> GetAsync(string path)
    {
        var (status, body) = await Gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        return body;
    }

    private protected async Task<string?> AttributeAsync(string path, string name) => OcciText.Attribute(await GetAsync(path), name);

    private protected async Task DeleteAsync(string path)
    {
        var (status, body) = await Gateway.AskAsync(HttpMethod.Delete, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent), body);
    }

    /// <summary>A compute whose server Cyclades has built (a read after its create finds it ACTIVE); returns its path.</summary>
    private protected async Task<string> ActiveComputeAsync(string flavor = "C1R1024D20drbd")
    {
        var compute = await Gateway.CreateAsync(SynnefoGateway.Compute(flavor));
        Assert.That(await AttributeAsync(compute, "occi.compute.state"), Is.EqualTo("active"));
        return compute;
    }

    /// <summary>The Cyclades server id of a compute the gateway made.</summary>
    private protected string ServerIdOf(string compute) => Gateway.ServerOf(compute).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
