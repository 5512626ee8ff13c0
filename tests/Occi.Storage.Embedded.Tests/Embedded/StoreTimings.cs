using System.Diagnostics;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// Issue 3's store operations on 10,000 computes, each with one network interface, timed and printed
/// (TestContext.Out) for the record. Timings are never asserted — a shared machine makes them noise;
/// only the answers are. For numbers worth comparing, run in Release.
/// </summary>
[NonParallelizable]
public sealed class StoreTimings
{
    private const int Computes = 10_000;
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task Ten_thousand_computes_are_stored_got_linked_and_listed_with_timings_printed()
    {
        using var folder = new TempDataFolder();
        using var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder.Path });
        var store = new JournaledEntityStore(db);

        var put = Stopwatch.StartNew();
        for (var i = 0; i < Computes; i++)
        {
            var c = new Resource { Id = $"c{i:00000}", Kind = Compute.Kind.Id, Location = $"/compute/c{i:00000}" };
            c.Title = "vm " + i;
            c.Attributes[Compute.State] = "inactive";
            await store.PutAsync(c, "default", 0, None);
        }
        put.Stop();
        for (var i = 0; i < Computes; i++)
            await store.PutAsync(new Link
            {
                Id = $"l{i:00000}", Kind = NetworkInterface.Kind.Id, Location = $"/link/networkinterface/l{i:00000}",
                Source = $"/compute/c{i:00000}", Target = "/network/n1",
            }, "default", 0, None);

        const int reads = 20_000;
        var keys = Enumerable.Range(0, reads).Select(i => $"c{i % Computes:00000}").ToArray();
        var locations = keys.Select(k => "/compute/" + k).ToArray();
        int found = 0, links = 0;
        var get = Stopwatch.StartNew();
        foreach (var location in locations) if (await store.GetAsync(location, None) is not null) found++;
        get.Stop();
        var getById = Stopwatch.StartNew();
        foreach (var key in keys) if (await store.GetByIdAsync(key, None) is not null) found++;
        getById.Stop();
        var byLink = Stopwatch.StartNew();
        foreach (var location in locations) links += (await store.QueryAsync(new EntityQuery { LinkSource = location }, None)).Count;
        byLink.Stop();
        var list = Stopwatch.StartNew();
        var listed = await store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "default" }, None);
        list.Stop();

        TestContext.Out.WriteLine($"put (insert):        {put.Elapsed.TotalMicroseconds / Computes,8:F1} µs/op");
        TestContext.Out.WriteLine($"get:                 {get.Elapsed.TotalMicroseconds / reads,8:F2} µs/op");
        TestContext.Out.WriteLine($"get by id:           {getById.Elapsed.TotalMicroseconds / reads,8:F2} µs/op");
        TestContext.Out.WriteLine($"query by link source:{byLink.Elapsed.TotalMicroseconds / reads,8:F2} µs/op");
        TestContext.Out.WriteLine($"list {Computes} by kind:  {list.Elapsed.TotalMilliseconds,8:F1} ms");
        Assert.That((found, links, listed.Count), Is.EqualTo((2 * reads, reads, Computes)));
    }
}
