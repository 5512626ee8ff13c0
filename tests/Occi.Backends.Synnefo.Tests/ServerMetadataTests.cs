using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>
/// A Cyclades server's metadata as read-only attributes of its compute, org.synnefo.server.metadata.&lt;key&gt;:
/// declared in the query interface, shown on a GET (OS and USERS from the image, any key set in Cyclades since), the
/// gateway's own mark hidden; a client's attempt to set one is refused and changes nothing in Cyclades.
/// </summary>
public sealed class ServerMetadataTests
{
    private const string Prefix = "org.synnefo.server.metadata.";

    [Test]
    public async Task The_query_interface_declares_the_server_metadata_mixin_with_OS_and_USERS_as_immutable()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var (status, body) = await gateway.AskAsync(HttpMethod.Get, "/-/");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        var declaration = body.Split('\n').Single(l => l.StartsWith("Category: server_metadata;", StringComparison.Ordinal));
        Assert.That(declaration, Does.Contain("scheme=\"http://schemas.synnefo.org/occi/infrastructure/compute#\"; class=\"mixin\""));
        Assert.That(declaration, Does.Contain(Prefix + "OS{immutable}").And.Contain(Prefix + "USERS{immutable}"));
    }

    [Test]
    public async Task A_compute_shows_its_servers_metadata_as_attributes_without_the_gateways_mark()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await gateway.CreateAsync(SynnefoGateway.Compute());
        var server = gateway.ServerOf(path);
        // Set in Cyclades by another client (kamaki's server metadata set), after the gateway made the server.
        server.Metadata["role"] = "webmail";
        server.Updated = DateTimeOffset.UtcNow;

        var (status, body) = await gateway.AskLiveAsync(path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Attribute(body, Prefix + "OS"), Is.EqualTo("debian"));
        Assert.That(OcciText.Attribute(body, Prefix + "USERS"), Is.EqualTo("root"));
        Assert.That(OcciText.Attribute(body, Prefix + "role"), Is.EqualTo("webmail"));
        Assert.That(body, Does.Not.Contain("occi_gateway").And.Not.Contain("occi_id"));
    }

    [Test]
    public async Task A_key_removed_in_Cyclades_goes_from_the_compute_and_a_key_no_attribute_name_can_hold_is_left_out()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await gateway.CreateAsync(SynnefoGateway.Compute());
        Assert.That(OcciText.Attribute((await gateway.AskLiveAsync(path)).Body, Prefix + "USERS"), Is.EqualTo("root"));
        var server = gateway.ServerOf(path);
        server.Metadata.Remove("USERS");
        server.Metadata["backup plan"] = "nightly";
        server.Updated = DateTimeOffset.UtcNow;

        var (status, body) = await gateway.AskLiveAsync(path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Attribute(body, Prefix + "USERS"), Is.Null);
        Assert.That(OcciText.Attribute(body, Prefix + "OS"), Is.EqualTo("debian"));
        Assert.That(body, Does.Not.Contain("nightly"));
    }

    [Test]
    public async Task Setting_a_metadata_attribute_is_400_and_leaves_the_servers_metadata_as_it_was()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await gateway.CreateAsync(SynnefoGateway.Compute());
        var before = new Dictionary<string, string>(gateway.ServerOf(path).Metadata);

        var (status, body) = await gateway.AskAsync(HttpMethod.Post, path,
            OcciText.ComputeCategory + $"\nX-OCCI-Attribute: {Prefix}role=\"webmail\"");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain(Prefix + "role"));
        Assert.That(gateway.ServerOf(path).Metadata, Is.EqualTo(before));
    }
}
