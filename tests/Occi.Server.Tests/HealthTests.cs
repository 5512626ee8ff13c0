using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 11: /health says each check's status and why, in JSON, with the overall status first.</summary>
public class HealthTests
{
    [Test]
    public async Task Health_is_json_with_each_checks_status_and_description()
    {
        await using var server = await RunningServer.StartAsync();
        var r = await server.Client.GetAsync("/health");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        var store = doc.RootElement.GetProperty("checks").GetProperty("embedded-store");
        Assert.That(store.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(store.GetProperty("description").GetString(), Does.Contain("occi.db"));
    }

    [Test]
    public async Task A_degraded_check_says_why_in_json_and_in_text()
    {
        await using var server = await RunningServer.StartAsync(null,
            services => services.AddHealthChecks().AddCheck("probe", () => HealthCheckResult.Degraded("the disk is full")));

        using var doc = JsonDocument.Parse(await server.Client.GetStringAsync("/health"));
        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(doc.RootElement.GetProperty("checks").GetProperty("probe").GetProperty("description").GetString(), Is.EqualTo("the disk is full"));

        var text = await (await server.Client.SendAsync(server.Request(HttpMethod.Get, "/health", "text/plain"))).Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("Degraded"));
        Assert.That(lines, Does.Contain("probe: Degraded - the disk is full"));
    }
}
