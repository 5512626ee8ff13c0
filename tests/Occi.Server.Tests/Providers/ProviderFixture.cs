using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Model;
using Occi.Server.Backends;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Providers;

/// <summary>
/// Issue 19's servers with several providers: the requests their tests share, and what a provider's own backend
/// holds (its inventory, asked through its pipeline: what the cloud itself says, not the store).
/// </summary>
public abstract class ProviderFixture : ServerTest
{
    protected const string RegionScheme = "http://schemas.ogf.org/occi/infrastructure/region#";

    protected static string Region(string provider) => $"Category: {provider}; scheme=\"{RegionScheme}\"; class=\"mixin\"";

    /// <summary>How an entity's rendering shows it is at <paramref name="provider"/>: its region mixin.</summary>
    protected static string RegionCategory(string provider) => $"Category: {provider}; scheme=\"{RegionScheme}\"";

    /// <summary>Two simulators with different templates: east the default, west claiming storage.</summary>
    protected static readonly (string Key, string Value)[] EastAndWest =
    [
        ("Occi:Providers:east:Backend", "Local"), ("Occi:Providers:east:Default", "true"),
        ("Occi:Providers:east:Local:OsTemplates:0:Term", "ubuntu"), ("Occi:Providers:east:Local:ActionDelayMs", "0"),
        ("Occi:Providers:west:Backend", "Local"), ("Occi:Providers:west:Kinds:0", "http://schemas.ogf.org/occi/infrastructure#storage"),
        ("Occi:Providers:west:Local:OsTemplates:0:Term", "debian"), ("Occi:Providers:west:Local:ActionDelayMs", "0"),
        ("Occi:ModelRefreshSeconds", "86400"),
    ];

    private protected Provider ProviderNamed(string name) => Server.Services.GetRequiredService<ProviderSet>().Find(name)!;

    /// <summary>The backend ids the provider's cloud holds of <paramref name="kind"/>.</summary>
    protected async Task<List<string>> HeldByAsync(string provider, string kind)
    {
        var ids = new List<string>();
        await foreach (var id in ProviderNamed(provider).Backend.InventoryAsync(new CategoryId("http://schemas.ogf.org/occi/infrastructure#", kind), CancellationToken.None))
            ids.Add(id);
        return ids;
    }

    protected Task<HttpResponseMessage> PostAsync(string kindPath, string body) => SendAsync(HttpMethod.Post, kindPath, body);

    protected async Task<string> CreatedAsync(string kindPath, string body)
    {
        var response = await PostAsync(kindPath, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.AbsolutePath;
    }
}
