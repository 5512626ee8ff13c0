using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Occi.Server.Auth.Basic;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>The Keystone scheme's settings as a client and an operator see them, with no Keystone running.</summary>
public sealed class KeystoneSettingsTests
{
    private static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/v3";
    }

    [Test]
    public async Task An_unreachable_Keystone_is_503_not_a_refusal()
    {
        await using var server = await RunningServer.StartAsync(null,
            ("Occi:Auth:Schemes", "Keystone"), ("Occi:Auth:Keystone:Url", ClosedPortUrl()),
            ("Occi:Auth:Keystone:ServiceToken", "service-secret"), ("Occi:Auth:Keystone:Retries", "0"));
        var request = server.Request(HttpMethod.Get, "/-/");
        request.Headers.Add("X-Auth-Token", "caller-secret");
        using var response = await server.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("could not be reached"));
        Assert.That(body, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task With_discovery_off_the_Keystone_challenge_is_listed_beside_the_others()
    {
        var users = Path.GetTempFileName();
        await File.WriteAllTextAsync(users, $"alice:{PasswordHash.Create("pw", 1000)}:a\n");
        try
        {
            await using var server = await RunningServer.StartAsync(null,
                ("Occi:Auth:Schemes", "Basic,Keystone"), ("Occi:Auth:Basic:UsersFile", users),
                ("Occi:Auth:Keystone:Url", "http://keystone.test:5000/v3"), ("Occi:Auth:Keystone:ServiceToken", "t"),
                ("Occi:Auth:Keystone:Discovery", "false"));
            using var response = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/-/"));
            Assert.That(response.Headers.GetValues("WWW-Authenticate"),
                Is.EqualTo(new[] { "Basic realm=\"OCCI\", charset=\"UTF-8\"", "Keystone uri=\"http://keystone.test:5000/v3\"" }));
        }
        finally
        {
            File.Delete(users);
        }
    }

    [Test]
    public async Task The_built_in_Keystone_is_named_under_Occi_BaseUrl_when_that_is_set()
    {
        await using var server = await RunningServer.StartAsync(null,
            ("Occi:Auth:Schemes", "Keystone"), ("Occi:Auth:Keystone:BuiltIn", "/identity/"), ("Occi:BaseUrl", "https://occi.example.org/"));
        using var response = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/-/"));
        Assert.That(response.Headers.GetValues("WWW-Authenticate"), Is.EqualTo(new[] { "Keystone uri=\"https://occi.example.org/identity/\"" }));
    }

    [TestCase("Occi:Auth:Keystone:Url", "")]
    [TestCase("Occi:Auth:Keystone:BuiltIn", "identity")]
    public void Settings_that_cannot_work_stop_the_start_naming_the_key(string key, string value)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(null, ("Occi:Auth:Schemes", "Keystone"), (key, value)));
        Assert.That(failure!.Message, Does.Contain(key));
    }
}
