using System.Net;
using System.Text.Json;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests.Gateway;

/// <summary>The user's Astakos quotas in the gateway's quota view (GET /-/quota), read through the gateway over HTTP.</summary>
public sealed class CloudQuotaTests : ResourceGatewayTest
{
    [Test]
    public async Task The_quota_view_shows_the_users_Astakos_limits_and_what_Cyclades_counts()
    {
        Cloud.Quotas.SetLimit(User, "cyclades.network.private", 3);
        Cloud.Quotas.SetLimit(User, "cyclades.ram", 4L << 30);
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await ActiveComputeAsync("C2R2048D20drbd");

        using var response = await Gateway.SendAsync(HttpMethod.Get, "/-/quota");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(OcciText.Attribute(text, "occi.quota.networks.cloud.limit"), Is.EqualTo("3"));
        Assert.That(OcciText.Attribute(text, "occi.quota.networks.cloud.used"), Is.EqualTo("1"));
        Assert.That(OcciText.Attribute(text, "occi.quota.memory_gib.cloud.limit"), Is.EqualTo("4"));
        Assert.That(OcciText.Attribute(text, "occi.quota.memory_gib.cloud.used"), Is.EqualTo("2"));
        Assert.That(OcciText.Attribute(text, "occi.quota.instances.cloud.limit"), Is.EqualTo(Cloud.ServerLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(OcciText.Attribute(text, "occi.quota.instances.cloud.used"), Is.EqualTo("1"));
        Assert.That(OcciText.Attribute(text, "occi.quota.storage_gib.cloud.used"), Is.EqualTo("20"), "the server's disk");

        await DeleteAsync(compute);
        await DeleteAsync(network);
    }

    [Test]
    public async Task The_json_quota_view_carries_the_cloud_rows()
    {
        Cloud.Quotas.SetLimit(User, "cyclades.floating_ip", 2);

        using var request = Gateway.Server.Request(HttpMethod.Get, "/-/quota", "application/json");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", SimulatedCloud.Token);
        using var response = await Gateway.Server.Client.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var publicIps = document.RootElement.GetProperty("quota").GetProperty("public_ips");
        Assert.That(publicIps.GetProperty("cloud").GetProperty("limit").GetDouble(), Is.EqualTo(2));
        Assert.That(publicIps.GetProperty("cloud").GetProperty("used").GetDouble(), Is.Zero);
        Assert.That(publicIps.GetProperty("limit").ValueKind, Is.EqualTo(JsonValueKind.Null), "no Occi:Quotas limit of the gateway's own");
    }

    [Test]
    public async Task The_quota_view_of_a_caller_whose_token_Astakos_no_longer_accepts_is_401()
    {
        var (before, _) = await Gateway.AskAsync(HttpMethod.Get, "/-/quota", token: SimulatedCloud.OtherToken);
        Assert.That(before, Is.EqualTo(HttpStatusCode.OK));
        Cloud.Expire(SimulatedCloud.OtherToken);

        var (status, body) = await Gateway.AskAsync(HttpMethod.Get, "/-/quota", token: SimulatedCloud.OtherToken);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), body);
        Assert.That(body, Does.Not.Contain(SimulatedCloud.OtherToken), "no secret in the error");
    }
}
