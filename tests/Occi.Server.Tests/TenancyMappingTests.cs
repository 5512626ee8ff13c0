using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Tenancy:MappingFile end to end: Basic and Signature users whose tenant the mapping names (overriding the
/// users file, or where the file names none), sharing a tenant across schemes; an identity no rule maps and whose
/// credentials name no tenant is 403 and changes nothing.
/// </summary>
public sealed class TenancyMappingTests : FileUsersServer
{
    protected override string? Mapping => """
        { "rules": [
            { "user": "carol", "tenant": "shared" },
            { "user": "erin", "tenant": "shared" },
            { "user": "bob", "tenant": "shared" }
        ] }
        """;

    private async Task<string> CreateAsCarolAsync()
    {
        var (status, body, response) = await SendAsync(Basic("carol", "carol-secret", HttpMethod.Post, "/compute/", OcciText.ComputeCategory));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        return response.Headers.Location!.AbsolutePath;
    }

    [Test]
    public async Task A_basic_user_without_a_tenant_in_the_file_acts_in_the_tenant_the_mapping_names()
    {
        var location = await CreateAsCarolAsync();
        Assert.That((await SendAsync(Basic("carol", "carol-secret", HttpMethod.Get, location))).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SendAsync(Basic("alice", "alice-secret", HttpMethod.Get, location))).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_signature_user_mapped_to_the_same_tenant_sees_what_a_basic_user_created()
    {
        var location = await CreateAsCarolAsync();
        var (status, body, _) = await SendAsync(Signed("erin", ErinKey, HttpMethod.Get, "/compute/"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain(location));
    }

    [Test]
    public async Task A_rule_overrides_the_tenant_the_users_file_names()
    {
        var location = await CreateAsCarolAsync();
        var (_, body, _) = await SendAsync(Basic("bob", "bob-secret", HttpMethod.Get, "/compute/"));
        Assert.That(body, Does.Contain(location));
    }

    [Test]
    public async Task Users_no_rule_maps_act_in_the_tenant_their_file_names()
    {
        var location = await CreateAsCarolAsync();
        var (status, body, _) = await SendAsync(Signed("frank", FrankKey, HttpMethod.Get, "/compute/"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Not.Contain(location));
    }

    [Test]
    public async Task An_identity_mapped_to_no_tenant_is_403_and_creates_nothing()
    {
        var (status, body, _) = await SendAsync(Basic("dave", "dave-secret", HttpMethod.Post, "/compute/", OcciText.ComputeCategory));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body, Does.Contain("dave").And.Contain("mapped to no tenant"));
        foreach (var (user, password) in new[] { ("alice", "alice-secret"), ("carol", "carol-secret") })
            Assert.That((await SendAsync(Basic(user, password, HttpMethod.Get, "/compute/"))).Body, Does.Not.Contain("X-OCCI-Location"));
    }
}
