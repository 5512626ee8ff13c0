using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 5: a link created while one of its ends is deleted must not survive as an orphan. Each
/// round races a link create (at the link kind's location, or inline with a new compute) against the
/// delete of the link's source or target; whatever wins, no link whose end is gone is listed or stored,
/// neither now nor after a restart.
/// </summary>
public class LinkRaceTests : ServerTest
{
    private const int Rounds = 40;
    private const int LinksPerRound = 8;

    private static string NetworkInterfaceBody(string source, string target) =>
        $"Category: networkinterface; scheme=\"{OcciText.Infra}\"; class=\"kind\"\n" +
        $"X-OCCI-Attribute: occi.core.source=\"{source}\"\nX-OCCI-Attribute: occi.core.target=\"{target}\"";

    private static string InlineLink(string target) =>
        $"Link: <{target}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"";

    /// <summary>A create racing a delete may win (201) or find an end gone (400); a server error is neither.</summary>
    private static async Task ExpectCreatedOrBadRequestAsync(Task<HttpResponseMessage> request, string round)
    {
        var r = await request;
        Assert.That(r.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.BadRequest), $"{round}: {await r.Content.ReadAsStringAsync()}");
    }

    private static async Task ExpectOkAsync(Task<HttpResponseMessage> request, string round)
    {
        var r = await request;
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{round}: {await r.Content.ReadAsStringAsync()}");
    }

    [Test]
    public async Task A_link_created_while_its_source_is_deleted_leaves_no_orphan()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        for (var i = 0; i < Rounds; i++)
        {
            var compute = await CreateComputeAsync();
            // Links before and after the delete, so that one of them checks the source before the delete and writes after it.
            var requests = new List<Task>();
            for (var k = 0; k < LinksPerRound; k++)
            {
                requests.Add(ExpectCreatedOrBadRequestAsync(SendAsync(HttpMethod.Post, "/link/networkinterface/", NetworkInterfaceBody(compute, network)), $"round {i}"));
                if (k == LinksPerRound / 2) requests.Add(ExpectOkAsync(SendAsync(HttpMethod.Delete, compute), $"round {i}"));
            }
            await Task.WhenAll(requests);
        }
        await AssertNoOrphanLinksAsync();
        Server = await Server.RestartAsync();
        await AssertNoOrphanLinksAsync();
        await GetTextAsync(network);
    }

    [Test]
    public async Task A_link_created_while_its_target_is_deleted_leaves_no_orphan()
    {
        var compute = await CreateComputeAsync();
        for (var i = 0; i < Rounds; i++)
        {
            var network = await CreateAsync("/network/", OcciText.NetworkCategory);
            var requests = new List<Task>();
            for (var k = 0; k < LinksPerRound; k++)
            {
                // A link of its own, and one made inline with a new compute (GFD.185 §3.4.2 Link header on create).
                requests.Add(ExpectCreatedOrBadRequestAsync(k % 2 == 0
                    ? SendAsync(HttpMethod.Post, "/link/networkinterface/", NetworkInterfaceBody(compute, network))
                    : SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\n" + InlineLink(network)), $"round {i}"));
                if (k == LinksPerRound / 2) requests.Add(ExpectOkAsync(SendAsync(HttpMethod.Delete, network), $"round {i}"));
            }
            await Task.WhenAll(requests);
        }
        await AssertNoOrphanLinksAsync();
        Server = await Server.RestartAsync();
        await AssertNoOrphanLinksAsync();
        await GetTextAsync(compute);
    }

    [Test]
    public async Task A_link_added_by_update_while_its_source_is_deleted_leaves_no_orphan()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        for (var i = 0; i < Rounds; i++)
        {
            var compute = await CreateComputeAsync();
            var update = SendAsync(HttpMethod.Post, compute, InlineLink(network));
            var delete = SendAsync(HttpMethod.Delete, compute);
            var updated = await update;
            // The update may land first (200), or find the compute gone (404).
            Assert.That(updated.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NotFound), $"round {i}: {await updated.Content.ReadAsStringAsync()}");
            await ExpectOkAsync(delete, $"round {i}");
        }
        await AssertNoOrphanLinksAsync();
        Server = await Server.RestartAsync();
        await AssertNoOrphanLinksAsync();
    }

    [Test]
    public async Task A_stored_link_whose_source_is_gone_is_removed_at_start()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync();
        var link = await CreateAsync("/link/networkinterface/", NetworkInterfaceBody(compute, network));
        // What a racing process sharing the store (or a server before this fix) could leave: the source gone, the link kept.
        await Server.Services.GetRequiredService<IEntityStore>().DeleteAsync(compute, CancellationToken.None);

        Server = await Server.RestartAsync();

        await GetTextAsync(link, HttpStatusCode.NotFound);
        Assert.That(OcciText.Locations(await GetTextAsync("/link/networkinterface/")), Is.Empty);
        await AssertNoOrphanLinksAsync();
        await GetTextAsync(network);
    }

    /// <summary>Every link listed and every link stored has both its local ends.</summary>
    private async Task AssertNoOrphanLinksAsync()
    {
        foreach (var location in OcciText.Locations(await GetTextAsync("/link/networkinterface/")))
        {
            var body = await GetTextAsync(new Uri(location).AbsolutePath);
            foreach (var end in new[] { "occi.core.source", "occi.core.target" })
            {
                var path = OcciText.Attribute(body, end);
                Assert.That(path, Is.Not.Null, body);
                var r = await SendAsync(HttpMethod.Get, path!);
                Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{location} is listed but its {end} {path} is gone");
            }
        }
        var store = Server.Services.GetRequiredService<IEntityStore>();
        foreach (var record in await store.QueryAsync(new EntityQuery { Kinds = [NetworkInterface.Kind.Id] }, CancellationToken.None))
        {
            var link = (Link)record.Entity;
            Assert.That(await store.GetAsync(link.Source, CancellationToken.None), Is.Not.Null, $"{link.Location} is stored but its source {link.Source} is gone");
            Assert.That(await store.GetAsync(link.Target, CancellationToken.None), Is.Not.Null, $"{link.Location} is stored but its target {link.Target} is gone");
        }
    }
}
