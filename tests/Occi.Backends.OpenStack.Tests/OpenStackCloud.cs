using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The real OpenStack the tests run against (../shared/openstack, started by .ci/run): OCCI_TEST_OPENSTACK is its
/// Keystone v3 URL. Without it every test of the category reports itself skipped with the reason.
/// Users: demo/secret in project demo (member), admin/secret in project admin.
/// </summary>
internal static class OpenStackCloud
{
    public const string Category = "OpenStack";

    public static string IdentityUrl =>
        Environment.GetEnvironmentVariable("OCCI_TEST_OPENSTACK") is { Length: > 0 } url ? url.TrimEnd('/')
        : throw new IgnoreException("OCCI_TEST_OPENSTACK is not set: no OpenStack to test against (.ci/run starts ../shared/openstack and sets it)");

    /// <summary>The image `tiny` up.sh uploads and the flavor m1.tiny (id 1).</summary>
    public const string TinyImageName = "tiny";
    public const string TinyFlavorId = "1";

    /// <summary>Occi:OpenStack for an account (demo by default), plus any extra keys.</summary>
    public static IConfiguration Configuration(string user = "demo", params (string Key, string Value)[] extra)
    {
        var pairs = new Dictionary<string, string?>
        {
            ["Occi:OpenStack:IdentityUrl"] = IdentityUrl,
            ["Occi:OpenStack:Username"] = user,
            ["Occi:OpenStack:Password"] = "secret",
            ["Occi:OpenStack:ProjectName"] = user,
        };
        foreach (var (key, value) in extra) pairs[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
    }

    /// <summary>The backend's container, as the server would build it for Occi:Backend = OpenStack.</summary>
    public static ServiceProvider Services(IConfiguration configuration, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        OpenStackBackendRegistration.Register(services, configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>A Keystone token and the project id for a user, asked directly (as a client of the gateway would).</summary>
    public static async Task<(string Token, string ProjectId)> TokenAsync(string user = "demo", string password = "secret")
    {
        using var http = new HttpClient();
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password } },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        // A sized body: Keystone's WSGI server refuses a chunked one (400).
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(IdentityUrl + "/auth/tokens", content);
        response.EnsureSuccessStatusCode();
        var token = response.Headers.GetValues("X-Subject-Token").First();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (token, json["token"]!["project"]!["id"]!.GetValue<string>());
    }
}
