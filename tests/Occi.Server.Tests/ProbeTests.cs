using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 17: GET /healthz (the process answers), GET /readyz (the backend and the store answer; 503 with the
/// reasons otherwise), and /health as it was. The failing backend is the simulator with every create failing,
/// until the circuit breaker opens.
/// </summary>
public class ProbeTests : ServerTest
{
    protected override (string Key, string Value)[] Settings =>
        [("Occi:Resilience:BreakerMinimumThroughput", "2"), ("Occi:Resilience:BreakerFailureRatio", "0.5"), ("Occi:Resilience:Retries", "0")];

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        var r = await Http.GetAsync(path);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return (r.StatusCode, doc.RootElement.Clone());
    }

    [Test]
    public async Task Ready_is_200_with_the_backend_and_store_answering()
    {
        var (status, body) = await GetJsonAsync("/readyz");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("checks").GetProperty("backend").GetProperty("description").GetString(), Does.Contain("local backend answers"));
        Assert.That(body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Ready_is_503_naming_the_open_breaker_when_the_backend_fails()
    {
        Server.Services.GetRequiredService<LocalBackend>().InjectFailure((operation, _) => operation == LocalOperation.Create);
        // Failing creates until the breaker holds calls off (the start-up's successful calls count in its window too).
        HttpStatusCode created;
        var tries = 0;
        do created = (await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory)).StatusCode;
        while (created == HttpStatusCode.BadGateway && ++tries < 100);
        Assert.That(created, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the breaker opened");

        var (status, body) = await GetJsonAsync("/readyz");
        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        var backend = body.GetProperty("checks").GetProperty("backend");
        Assert.That(backend.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        Assert.That(backend.GetProperty("description").GetString(), Does.Contain("local backend's circuit breaker is open"));
        Assert.That(body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString(), Is.EqualTo("Healthy"));

        // Live all the same: restarting the gateway would not mend the cloud.
        Assert.That((await Http.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var scrape = await PrometheusScrape.GetAsync(Http);
        Assert.That(scrape.Sum("occi_backend_circuit_state", ("occi_backend", "local")), Is.EqualTo(2), "open");
    }

    [Test]
    public async Task Live_is_200_and_health_keeps_only_the_components_checks()
    {
        var (status, body) = await GetJsonAsync("/healthz");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        var (_, health) = await GetJsonAsync("/health");
        Assert.That(health.GetProperty("checks").EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "embedded-store" }));
    }

    [Test]
    public async Task Every_answer_carries_a_request_id_and_keeps_a_sane_one_from_the_client()
    {
        var own = await SendAsync(HttpMethod.Get, "/-/");
        Assert.That(own.Headers.GetValues("X-Request-Id").Single(), Is.Not.Empty);
        var other = await SendAsync(HttpMethod.Get, "/-/");
        Assert.That(other.Headers.GetValues("X-Request-Id").Single(), Is.Not.EqualTo(own.Headers.GetValues("X-Request-Id").Single()));

        var kept = await SendAsync(HttpMethod.Get, "/compute/", headers: ("X-Request-Id", "edge-7f3a.42:1"));
        Assert.That(kept.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("edge-7f3a.42:1"));

        // Not an id: replaced by the gateway's own rather than copied into logs and answers.
        var replaced = await SendAsync(HttpMethod.Get, "/compute/", headers: ("X-Request-Id", "<script>alert(1)</script>"));
        Assert.That(replaced.Headers.GetValues("X-Request-Id").Single(), Does.Not.Contain("<"));
        var error = await SendAsync(HttpMethod.Get, "/nothing/here");
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.Headers.Contains("X-Request-Id"), Is.True, "errors carry it too");
    }
}
