using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Server.Backends;

namespace Occi.Server.Tests.Providers;

/// <summary>Issue 19: which provider a new entity of a kind goes to, from configuration and from runtime assignments.</summary>
public class ProviderRouterTests
{
    private static readonly CategoryId Storage = new("http://schemas.ogf.org/occi/infrastructure#", "storage");

    private static ProviderRouter SiteAndLab() =>
        new(["site-a", "lab"], "lab", new Dictionary<CategoryId, string> { [Storage] = "site-a" });

    [Test]
    public void A_claimed_kind_goes_to_its_provider_and_the_rest_to_the_default()
    {
        var router = SiteAndLab();
        Assert.That(router.ProviderFor(Storage), Is.EqualTo("site-a"));
        Assert.That(router.ProviderFor(Compute.Kind.Id), Is.EqualTo("lab"));
        Assert.That(router.Providers, Is.EqualTo(new[] { "lab", "site-a" }));
    }

    [Test]
    public void A_runtime_assignment_overrides_the_configured_claim_until_cleared()
    {
        var router = SiteAndLab();
        router.Assign(Storage, "lab");
        Assert.That(router.ProviderFor(Storage), Is.EqualTo("lab"));
        Assert.That(router.TryGetAssignment(Storage, out var assigned) && assigned == "lab", Is.True);

        Assert.That(router.Clear(Storage), Is.True);
        Assert.That(router.Clear(Storage), Is.False);
        Assert.That(router.ProviderFor(Storage), Is.EqualTo("site-a"));
    }

    [Test]
    public void Assigning_an_unknown_provider_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => SiteAndLab().Assign(Storage, "dummy"));
        Assert.That(e!.Message, Does.Contain("'dummy'"));
    }

    [Test]
    public void An_unclaimed_kind_goes_to_the_first_provider_that_offers_it_when_the_default_does_not()
    {
        var router = SiteAndLab();
        var network = new CategoryId("http://schemas.ogf.org/occi/infrastructure#", "network");
        router.Offers("lab", [Compute.Kind.Id]);
        router.Offers("site-a", [Compute.Kind.Id, network]);
        Assert.That(router.ProviderFor(network), Is.EqualTo("site-a"));
    }
}
