using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Providers;

/// <summary>Issue 19: a provider that says it bridges providers (Occi:Providers:&lt;name&gt;:BridgesProviders) may link to another's resources.</summary>
public class BridgingProvidersTests : ProviderFixture
{
    protected override (string Key, string Value)[] Settings => [.. EastAndWest, ("Occi:Providers:east:BridgesProviders", "true")];

    [Test]
    public async Task A_link_from_a_bridging_provider_to_another_providers_resource_is_created()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("east"));
        var storage = await CreatedAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1\n" + Region("west"));

        await CreatedAsync("/link/storagelink/",
            "Category: storagelink; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + $"X-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"");

        Assert.That(await HeldByAsync("east", "storagelink"), Has.Count.EqualTo(1), "the link is the source's provider's");
    }
}
