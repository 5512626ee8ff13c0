using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// GET /-/quota with a backend whose cloud keeps quotas of its own (<see cref="ICloudQuotas"/>): each row the cloud
/// has also carries the caller's limit and use there, in JSON and in text; rows it lacks are as before.
/// </summary>
public sealed class CloudQuotaViewTests
{
    private RunningServer _server = null!;
    private readonly RecordingCloudQuotas _cloud = new();

    [OneTimeSetUp]
    public async Task Start() =>
        _server = await RunningServer.StartAsync(null, services => services.AddSingleton<ICloudQuotas>(_cloud), ("Occi:Quotas:Default:Instances", "4"));

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task The_json_quota_view_carries_the_clouds_limit_and_use_beside_the_gateways()
    {
        using var response = await _server.Client.SendAsync(_server.Request(HttpMethod.Get, "/-/quota", "application/json"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var quota = document.RootElement.GetProperty("quota");

        var instances = quota.GetProperty("instances");
        Assert.That(instances.GetProperty("limit").GetDouble(), Is.EqualTo(4), "the gateway's own limit stays");
        Assert.That(instances.GetProperty("cloud").GetProperty("limit").GetDouble(), Is.EqualTo(2));
        Assert.That(instances.GetProperty("cloud").GetProperty("used").GetDouble(), Is.EqualTo(1));
        Assert.That(quota.GetProperty("public_ips").GetProperty("cloud").GetProperty("limit").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(quota.GetProperty("cores").TryGetProperty("cloud", out _), Is.False, "a row the cloud does not have");
        Assert.That(_cloud.Asked, Is.EqualTo(Caller.Anonymous), "asked for the caller");
    }

    [Test]
    public async Task The_text_quota_view_carries_the_clouds_limit_and_use_as_attributes()
    {
        using var response = await _server.Client.SendAsync(_server.Request(HttpMethod.Get, "/-/quota"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(OcciText.Attribute(text, "occi.quota.instances.cloud.limit"), Is.EqualTo("2"));
        Assert.That(OcciText.Attribute(text, "occi.quota.instances.cloud.used"), Is.EqualTo("1"));
        Assert.That(OcciText.Attribute(text, "occi.quota.memory_gib.cloud.used"), Is.EqualTo("1.5"));
        Assert.That(OcciText.Attribute(text, "occi.quota.public_ips.cloud.used"), Is.EqualTo("0"));
        Assert.That(OcciText.Attribute(text, "occi.quota.public_ips.cloud.limit"), Is.Null, "no limit in the cloud");
    }

    private sealed class RecordingCloudQuotas : ICloudQuotas
    {
        public Caller? Asked { get; private set; }

        public Task<IReadOnlyList<CloudQuota>> ForAsync(Caller caller, CancellationToken cancellationToken)
        {
            Asked = caller;
            return Task.FromResult<IReadOnlyList<CloudQuota>>(
            [
                new(CloudQuota.Instances, 2, 1),
                new(CloudQuota.MemoryGiB, 4, 1.5),
                new(CloudQuota.PublicIps, null, 0),
            ]);
        }
    }
}
