using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Two gateways on one MongoDB database see each other's user mixins and resources (issue 4).
/// No MongoDB server can be installed on the build machines: this runs when OCCI_TEST_MONGODB holds a
/// connection string, and otherwise reports itself skipped.
/// </summary>
[NonParallelizable]
public class MongoSharedStoreTests
{
    [Test]
    public async Task Two_gateways_on_one_mongodb_see_each_others_mixins_and_resources()
    {
        if (Environment.GetEnvironmentVariable("OCCI_TEST_MONGODB") is not { Length: > 0 } uri)
        {
            Assert.Ignore("OCCI_TEST_MONGODB is not set: no MongoDB server to run two gateways against");
            return;
        }
        var database = "occi_two_gateways_" + Guid.NewGuid().ToString("N")[..8];
        (string, string)[] settings = [("Occi:Store", "Mongo"), ("Occi:Mongo:ConnectionString", uri), ("Occi:Mongo:Database", database)];
        await using var a = await RunningServer.StartAsync(null, settings);
        await using var b = await RunningServer.StartAsync(null, settings);

        var mixin = await a.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/-/")
        {
            Content = RunningServer.TextPlain("Category: team; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/team/\""),
        });
        Assert.That(mixin.StatusCode, Is.EqualTo(HttpStatusCode.OK), await mixin.Content.ReadAsStringAsync());
        var loader = b.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "ModelLoader");
        await (Task<int>)loader.GetType().GetMethod("SyncUserMixinsAsync")!.Invoke(loader, [CancellationToken.None])!;
        Assert.That(await b.Client.GetStringAsync("/-/"), Does.Contain("Category: team;"));

        // Resources: the store is the shared truth for what OCCI knows (each gateway has its own local simulator).
        var created = await a.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/storage/")
        {
            Content = RunningServer.TextPlain(OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1"),
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var storage = created.Headers.Location!.AbsolutePath;
        Assert.That(OcciText.Locations(await b.Client.GetStringAsync("/storage/")), Does.Contain(b.Root + storage));
    }
}
