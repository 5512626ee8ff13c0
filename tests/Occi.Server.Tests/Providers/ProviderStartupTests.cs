using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Providers;

/// <summary>Issue 19: a wrong Occi:Providers entry stops the start naming its key.</summary>
public class ProviderStartupTests
{
    private static async Task<string> StartFailureAsync(params (string Key, string Value)[] settings)
    {
        var e = Assert.CatchAsync(async () => await (await RunningServer.StartAsync(null, settings)).DisposeAsync())!;
        return e.ToString();
    }

    [Test]
    public async Task A_kind_claimed_by_two_providers_stops_the_start_naming_the_key()
    {
        var message = await StartFailureAsync(("Occi:Providers:a:Backend", "Local"), ("Occi:Providers:a:Kinds:0", "compute"),
            ("Occi:Providers:b:Backend", "Local"), ("Occi:Providers:b:Kinds:0", "compute"));
        Assert.That(message, Does.Contain("Occi:Providers:b:Kinds:0"));
    }

    [Test]
    public async Task A_provider_name_that_cannot_be_a_region_term_stops_the_start_naming_it()
    {
        var message = await StartFailureAsync(("Occi:Providers:Site.A:Backend", "Local"));
        Assert.That(message, Does.Contain("Occi:Providers:Site.A"));
    }

    [Test]
    public async Task A_backend_that_is_not_deployed_stops_the_start_naming_the_providers_key()
    {
        var message = await StartFailureAsync(("Occi:Providers:a:Backend", "Nowhere"));
        Assert.That(message, Does.Contain("Occi:Providers:a:Backend = 'Nowhere'"));
    }

    [Test]
    public async Task A_bad_backend_setting_of_a_provider_stops_the_start_naming_the_providers_key()
    {
        var message = await StartFailureAsync(("Occi:Providers:a:Backend", "Local"), ("Occi:Providers:a:Local:FailureRate", "1.5"));
        Assert.That(message, Does.Contain("Occi:Providers:a:Local:FailureRate"));
    }
}
