using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The real OpenStack the tests run against (../shared/openstack, started by .ci/run): OCCI_TEST_OPENSTACK is its
/// Keystone v3 URL. Without it every test of the category reports itself skipped with the reason.
/// Users: demo/secret in project demo (member), admin/secret in project admin.
/// </summary>
internal static class OpenStackCloud
{
    public static string IdentityUrl => OpenStackDirect.IdentityUrl;

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
}
