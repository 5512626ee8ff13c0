using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;

using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

[Category(OpenStackDirect.Category)]
public sealed class IdentityTests
{
    [Test]
    public async Task The_configured_account_gets_a_token_whose_catalog_names_Nova_Glance_Cinder_and_Neutron()
    {
        await using var services = OpenStackCloud.Services(OpenStackCloud.Configuration());
        var identity = services.GetRequiredService<OpenStackIdentity>();
        var credential = await identity.ForAsync(Caller.Anonymous, CancellationToken.None);
        var token = await credential.TokenAsync(CancellationToken.None);
        Assert.That(token.Value, Is.Not.Empty);
        Assert.That(token.Catalog.Find("compute")?.AbsoluteUri, Does.StartWith("http://127.0.0.1:8774/v2.1"));
        Assert.That(token.Catalog.ServiceTypes, Is.SupersetOf(new[] { "compute", "image", "volumev3", "network" }));
    }
}
