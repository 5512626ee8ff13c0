using System.Net;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests.Gateway;

/// <summary>
/// Cyclades/Network or the block storage failing alone (503) while Compute answers: a client reading a network or a
/// storage is answered 503, the circuit opens and holds requests off (503 with Retry-After, nothing sent), and once
/// the break is over (a FakeTimeProvider moved past it) the service is asked again and the entity read.
/// </summary>
public sealed class ServiceBreakerTests
{
    private const string Network = OcciText.NetworkCategory
        + "\nCategory: ipnetwork; scheme=\"http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\""
        + "\nX-OCCI-Attribute: occi.network.address=\"10.0.9.0/24\"";

    private const string Storage = OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1";

    /// <summary>Each: the collection, the entity made in it, the service behind it, and the state attribute and value once it answers again.</summary>
    private static readonly object[] Services =
    [
        new object[] { "/network/", Network, "network", "occi.network.state", "active" },
        new object[] { "/storage/", Storage, "block storage", "occi.storage.state", "online" },
    ];

    [TestCaseSource(nameof(Services))]
    public async Task A_Cyclades_service_answering_503_alone_opens_its_circuit_with_Retry_After_then_recovers_when_the_break_is_over(
        string collection, string entity, string service, string stateAttribute, string state)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartAsync(clock);
        var path = await gateway.CreateAsync(entity, collection);

        await CircuitOpensAndRecoversAsync(gateway, clock, path, service == "network" ? gateway.Cloud.NetworkService : gateway.Cloud.VolumeService);

        Assert.That(OcciText.Attribute((await gateway.AskAsync(HttpMethod.Get, path)).Body, stateAttribute), Is.EqualTo(state));
        Assert.That((await gateway.AskAsync(HttpMethod.Delete, path)).Status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent));
        Assert.That(gateway.Cloud.Networking.HoldsNothingOf(SimulatedCloud.UserId) && gateway.Cloud.Volumes.HoldsNothingOf(SimulatedCloud.UserId), Is.True,
            "nothing of the user's left in Cyclades");
    }

    private static Task<SynnefoGateway> StartAsync(FakeTimeProvider clock) =>
        SynnefoGateway.StartOnAsync(clock, ("Occi:Synnefo:BreakerMinimumThroughput", "3"), ("Occi:Synnefo:BreakerBreakSeconds", "20"));

    /// <summary>
    /// With <paramref name="service"/> answering 503, GETs of <paramref name="path"/> are 503 until one is answered without
    /// reaching the service (the circuit is open); that answer and the next carry Retry-After. The service back, the circuit
    /// still holds it off until the clock passes the break; then the GET is 200.
    /// </summary>
    private static async Task CircuitOpensAndRecoversAsync(SynnefoGateway gateway, FakeTimeProvider clock, string path, SimulatedService service)
    {
        service.Unavailable = true;
        var opened = false;
        for (var i = 0; i < 20 && !opened; i++)
        {
            var asked = service.Requests;
            using var failing = await gateway.SendAsync(HttpMethod.Get, path);
            Assert.That(failing.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await failing.Content.ReadAsStringAsync());
            opened = service.Requests == asked;
            if (opened) Assert.That(failing.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero), "an open circuit says when to try again");
        }
        Assert.That(opened, Is.True, "the circuit opened: a request was answered 503 without asking the service");

        var held = service.Requests;
        service.Unavailable = false;
        using (var still = await gateway.SendAsync(HttpMethod.Get, path))
        {
            Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "still open: the break is not over");
            Assert.That(still.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        }
        Assert.That(service.Requests, Is.EqualTo(held), "the open circuit does not ask the service");

        clock.Advance(TimeSpan.FromSeconds(21));
        var (recovered, answer) = await gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(recovered, Is.EqualTo(HttpStatusCode.OK), answer);
        Assert.That(service.Requests, Is.GreaterThan(held), "after the break the service is asked again");
    }
}
