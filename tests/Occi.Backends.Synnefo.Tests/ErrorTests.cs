using System.Net;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>
/// What a client sees when Synnefo says no or does not answer: the quota, a flavor or image it does not have, an
/// expired token, Astakos or Cyclades unreachable; each refusal leaves nothing behind, in the gateway or the cloud.
/// </summary>
public sealed class ErrorTests
{
    [Test]
    public async Task Over_the_cyclades_vm_quota_a_create_is_409_naming_the_resource_and_leaves_nothing()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        gateway.Cloud.ServerLimit = 0;
        await CreateIsRefusedLeavingNothingAsync(gateway, SynnefoGateway.Compute(), HttpStatusCode.Conflict, "cyclades.vm");
    }

    [Test]
    public async Task A_resource_tpl_naming_no_flavor_of_the_model_is_400_and_Cyclades_is_not_asked_to_create()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        await CreateIsRefusedLeavingNothingAsync(gateway, SynnefoGateway.Compute("C8R8192D80drbd"), HttpStatusCode.BadRequest, "C8R8192D80drbd");
    }

    [Test]
    public async Task A_flavor_Cyclades_withdrew_since_the_model_was_read_is_400_with_Cyclades_words_and_leaves_nothing()
    {
        // The model is read at start and not again during the test: the flavor is still offered when Cyclades no longer has it.
        await using var gateway = await SynnefoGateway.StartAsync(null, ("Occi:ModelRefreshSeconds", "3600"));
        gateway.Cloud.Flavors.TryRemove(2, out _);
        await CreateIsRefusedLeavingNothingAsync(gateway, SynnefoGateway.Compute("C2R2048D20drbd"), HttpStatusCode.BadRequest, "Cyclades: Flavor 2 not found");
    }

    [Test]
    public async Task An_image_Plankton_withdrew_since_the_model_was_read_is_400_with_Cyclades_words_and_leaves_nothing()
    {
        await using var gateway = await SynnefoGateway.StartAsync(null, ("Occi:ModelRefreshSeconds", "3600"));
        gateway.Cloud.Images[SynnefoGateway.DebianImage] = gateway.Cloud.Images[SynnefoGateway.DebianImage] with { Status = "deleted" };
        await CreateIsRefusedLeavingNothingAsync(gateway, SynnefoGateway.Compute(), HttpStatusCode.BadRequest, $"Cyclades: Image {SynnefoGateway.DebianImage} not found");
    }

    [Test]
    public async Task An_expired_token_is_401_with_the_snf_auth_challenge()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        gateway.Cloud.Expire(SimulatedCloud.OtherToken);
        using var response = await gateway.SendAsync(HttpMethod.Get, "/compute/", token: SimulatedCloud.OtherToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.ToString()), Is.EqualTo(new[] { $"snf-auth uri=\"{gateway.Synnefo.IdentityUrl}\"" }));
    }

    [Test]
    public async Task A_token_that_expires_after_the_gateway_accepted_it_is_401_when_Cyclades_refuses_it_and_stays_refused()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ComputeTests.ActiveComputeAsync(gateway);
        gateway.Cloud.Expire(SimulatedCloud.Token);

        using (var refused = await gateway.SendAsync(HttpMethod.Get, path))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body);
            Assert.That(body, Does.Contain("Cyclades").And.Not.Contain(SimulatedCloud.Token));
            Assert.That(refused.Headers.WwwAuthenticate.Select(h => h.ToString()), Is.EqualTo(new[] { $"snf-auth uri=\"{gateway.Synnefo.IdentityUrl}\"" }));
        }
        // Forgotten once Cyclades refused it: the next request is Astakos' to refuse, before any backend call.
        var before = gateway.Cloud.CycladesRequests;
        Assert.That((await gateway.AskAsync(HttpMethod.Get, path)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(gateway.Cloud.CycladesRequests, Is.EqualTo(before));
    }

    [Test]
    public async Task Astakos_unreachable_is_503_not_a_refusal()
    {
        await using var synnefo = await SynnefoSimulator.StartAsync();
        var closed = ClosedPort();
        await using var server = await RunningServer.StartAsync(null,
            ("Occi:Backend", "Synnefo"), ("Occi:Auth:Schemes", "Astakos"), ("Occi:Synnefo:IdentityUrl", $"http://127.0.0.1:{closed}/identity/v2.0"),
            ("Occi:Synnefo:RetryCount", "0"));
        using var request = server.Request(HttpMethod.Get, "/compute/");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", SimulatedCloud.Token);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        Assert.That(body, Does.Contain("Astakos").And.Not.Contain(SimulatedCloud.Token));
    }

    [Test]
    public async Task Cyclades_answering_503_opens_the_circuit_which_holds_requests_off_then_recovers_when_the_break_is_over()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The model refresh is kept out of the way (StartOnAsync), so the one trial call after the break is the test's.
        await using var gateway = await SynnefoGateway.StartOnAsync(clock, ("Occi:Synnefo:BreakerMinimumThroughput", "3"), ("Occi:Synnefo:BreakerBreakSeconds", "20"));
        var path = await ComputeTests.ActiveComputeAsync(gateway);
        gateway.Cloud.CycladesUnavailable = true;

        // Each GET fails at Cyclades (503) until the failures outweigh the successes of the window and the circuit opens.
        var opened = false;
        for (var i = 0; i < 20 && !opened; i++)
        {
            var asked = gateway.Cloud.CycladesRequests;
            var (failing, body) = await gateway.AskAsync(HttpMethod.Get, path);
            Assert.That(failing, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(body, Does.Contain("Cyclades"));
            opened = gateway.Cloud.CycladesRequests == asked;
        }
        Assert.That(opened, Is.True, "the circuit opened: a request was answered 503 without asking Cyclades");
        var held = gateway.Cloud.CycladesRequests;
        Assert.That((await gateway.AskAsync(HttpMethod.Get, path)).Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(gateway.Cloud.CycladesRequests, Is.EqualTo(held), "the open circuit does not ask Cyclades");

        gateway.Cloud.CycladesUnavailable = false;
        Assert.That((await gateway.AskAsync(HttpMethod.Get, path)).Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "still open: the break is not over");
        clock.Advance(TimeSpan.FromSeconds(21));
        var (recovered, answer) = await gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(recovered, Is.EqualTo(HttpStatusCode.OK), answer);
        Assert.That(OcciText.Attribute(answer, "occi.compute.state"), Is.EqualTo("active"));
    }

    [Test]
    public async Task Without_authentication_or_a_configured_token_a_request_is_401_saying_what_is_missing()
    {
        await using var gateway = await SynnefoGateway.StartAsync(null, ("Occi:Auth:Schemes", "None"), ("Occi:Synnefo:Token", ""));
        // No token, so no templates in the model either: a bare compute reaches the backend, which has no one to act as.
        var (status, body) = await gateway.AskAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory, token: null);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), body);
        Assert.That(body, Does.Contain("Occi:Synnefo:Token"));
        Assert.That(gateway.Cloud.Servers, Is.Empty);
    }

    [Test]
    public async Task Without_authentication_the_configured_token_acts_for_every_caller()
    {
        await using var gateway = await SynnefoGateway.StartAsync(null, ("Occi:Auth:Schemes", "None"));
        var path = await gateway.CreateAsync(SynnefoGateway.Compute());
        Assert.That(gateway.ServerOf(path).UserId, Is.EqualTo(SimulatedCloud.UserId));
    }

    /// <summary>A create answered <paramref name="expected"/> with a message saying <paramref name="says"/>; no server in the cloud, no compute in the gateway.</summary>
    private static async Task CreateIsRefusedLeavingNothingAsync(SynnefoGateway gateway, string body, HttpStatusCode expected, string says)
    {
        var (status, answer) = await gateway.AskAsync(HttpMethod.Post, "/compute/", body);
        Assert.That(status, Is.EqualTo(expected), answer);
        Assert.That(answer, Does.Contain(says));
        Assert.That(gateway.Cloud.Servers, Is.Empty);
        Assert.That(OcciText.Locations((await gateway.AskAsync(HttpMethod.Get, "/compute/")).Body), Is.Empty);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
