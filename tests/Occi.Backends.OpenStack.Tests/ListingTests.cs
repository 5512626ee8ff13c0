using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// A kind's listing renders stored entities: what Nova does to a server, seen by the change follower, reaches the store
/// and so GET /compute/ within the staleness bound, without any GET of the compute itself.
/// </summary>
public sealed class ListingTests : GatewayTest
{
    protected override string PublicCidr => "172.24.105.0/24";

    [Test]
    public async Task A_server_stopped_directly_in_Nova_shows_inactive_in_the_compute_listing_without_a_get_of_it()
    {
        var image = (await Demo.GetAsync("http://127.0.0.1:9292/v2/images?name=" + OpenStackDirect.TinyImageName))!["images"]![0]!["id"]!.GetValue<string>();
        var path = await CreateAsync("/compute/", OcciText.ComputeCategory
            + $"\nCategory: {image}; scheme=\"http://schemas.openstack.org/template/os#\"; class=\"mixin\""
            + $"\nCategory: {OpenStackDirect.TinyFlavorId}; scheme=\"http://schemas.openstack.org/template/resource#\"; class=\"mixin\"");
        var id = IdOf(path);

        // BUILD → ACTIVE happens in Nova after the create answered: the listing learns it from the follower alone.
        await OpenStackDirect.EventuallyAsync(() => ListedStateAsync(id), s => s == "active", $"{path} active in GET /compute/", 120);

        var server = (await Demo.GetAsync(OpenStackDirect.Nova + "servers/detail"))!["servers"]!.AsArray()
            .Single(s => s!["metadata"]?["occi_id"]?.GetValue<string>() == id)!["id"]!.GetValue<string>();
        await Demo.SendAsync(HttpMethod.Post, OpenStackDirect.Nova + $"servers/{server}/action", new JsonObject { ["os-stop"] = null });

        var state = await OpenStackDirect.EventuallyAsync(() => ListedStateAsync(id), s => s == "inactive", $"{path} inactive in GET /compute/", 60);
        Assert.That(state, Is.EqualTo("inactive"));
    }

    /// <summary>occi.compute.state of the compute in a full JSON rendering of GET /compute/ (either JSON dialect).</summary>
    private async Task<string?> ListedStateAsync(string id)
    {
        using var request = Server.Request(HttpMethod.Get, "/compute/");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/occi+json"));
        using var response = await Server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var resource = JsonNode.Parse(text)!["resources"]?.AsArray().FirstOrDefault(r => r!["id"]?.GetValue<string>() == id);
        var attributes = resource?["attributes"];
        return (attributes?["occi.compute.state"] ?? attributes?["occi"]?["compute"]?["state"])?.GetValue<string>();
    }
}
