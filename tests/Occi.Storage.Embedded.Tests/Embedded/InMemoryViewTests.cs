using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// The embedded store answers reads from memory: what it hands out must be the caller's to change, and a
/// restart must read back exactly what memory held. Failed writes: <see cref="JournalTests"/>.
/// </summary>
public sealed class InMemoryViewTests : StoreTest
{
    private static readonly CategoryId Blue = new("http://example.org/tags#", "blue");
    private static readonly CategoryId Red = new("http://example.org/tags#", "red");

    private static Resource NewCompute(string id, params CategoryId[] mixins)
    {
        var r = new Resource { Id = id, Kind = Compute.Kind.Id, Location = "/compute/" + id, BackendId = "b-" + id };
        r.Title = "vm " + id;
        r.Attributes[Compute.Cores] = 2L;
        r.Mixins.AddRange(mixins);
        return r;
    }

    // ---- copies ----

    [Test]
    public async Task Changing_a_returned_entity_does_not_change_what_the_next_get_returns()
    {
        await Store.PutAsync(NewCompute("c1", Blue), "alice", null, None);
        var first = (await Store.GetAsync("/compute/c1", None))!.Entity;
        first.Title = "changed";
        first.Attributes[Compute.Cores] = 64L;
        first.Mixins.Clear();
        first.Actions.Add(new CategoryId("http://example.org/actions#", "stop"));
        first.Location = "/compute/elsewhere";

        var second = (await Store.GetAsync("/compute/c1", None))!.Entity;
        Assert.That((second.Title, second.Attributes[Compute.Cores].AsInteger, second.Location), Is.EqualTo(("vm c1", 2L, "/compute/c1")));
        Assert.That(second.Mixins, Is.EqualTo(new[] { Blue }));
        Assert.That(second.Actions, Is.Empty);
    }

    [Test]
    public async Task Entities_returned_by_a_query_are_copies_too()
    {
        await Store.PutAsync(NewCompute("c1"), null, null, None);
        var listed = (await Store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id] }, None)).Single().Entity;
        listed.Title = "changed";
        Assert.That((await Store.GetByIdAsync("c1", None))!.Entity.Title, Is.EqualTo("vm c1"));
    }

    [Test]
    public async Task Changing_an_entity_after_putting_it_does_not_change_the_stored_one()
    {
        var c = NewCompute("c1");
        await Store.PutAsync(c, null, null, None);
        c.Title = "changed after put";
        c.Mixins.Add(Red);
        Assert.That((await Store.GetAsync("/compute/c1", None))!.Entity.Title, Is.EqualTo("vm c1"));
        Assert.That(await Store.CountAsync(new EntityQuery { Mixin = Red }, None), Is.Zero);
    }

    // ---- concurrency ----

    [Test]
    public async Task Readers_running_alongside_a_writer_only_ever_see_whole_writes()
    {
        static Resource Version(long v)
        {
            var c = NewCompute("c1", v % 2 == 0 ? [Blue] : [Red]);
            c.Title = "v" + v;
            c.Attributes[Compute.Cores] = v;
            return c;
        }
        await Store.PutAsync(Version(1), "owner1", 0, None);
        using var stop = new CancellationTokenSource();
        var torn = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var reads = 0;
        // The writer starts once the readers run: on a busy machine the 300 writes could otherwise be over
        // before a reader was scheduled at all, and the test would check nothing.
        var readersRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = (await Store.GetAsync("/compute/c1", None))!;
                if (r.Entity.Title != "v" + r.Version || r.Entity.Attributes[Compute.Cores].AsInteger != r.Version || r.Owner != "owner" + r.Version)
                    torn.Enqueue($"get: {r.Entity.Title} at version {r.Version}, owner {r.Owner}");
                // Even versions carry Blue: what the mixin index finds must be a Blue version.
                foreach (var blue in await Store.QueryAsync(new EntityQuery { Mixin = Blue }, None))
                    if (blue.Version % 2 != 0 || !blue.Entity.Mixins.Contains(Blue)) torn.Enqueue($"mixin index: version {blue.Version} found as Blue");
                var listed = await Store.CountAsync(new EntityQuery { Kinds = [Compute.Kind.Id] }, None);
                if (listed != 1) torn.Enqueue($"kind index: {listed} listed");
                if (Interlocked.Increment(ref reads) >= 2) readersRunning.TrySetResult();
            }
        })).ToArray();

        await Task.WhenAny(readersRunning.Task, Task.WhenAll(readers)); // a reader that fails ends the wait too
        for (var v = 2L; v <= 300; v++) await Store.PutAsync(Version(v), "owner" + v, v - 1, None);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.That(reads, Is.GreaterThan(0));
        Assert.That(torn, Is.Empty);
    }

    // ---- restart ----

    [Test]
    public async Task Reopening_after_writes_answers_every_query_as_before()
    {
        for (var i = 0; i < 30; i++)
        {
            var c = NewCompute($"c{i:00}", i % 3 == 0 ? [Blue] : []);
            c.Attributes[Compute.Cores] = (long)(i % 4);
            await Store.PutAsync(c, i % 2 == 0 ? "alice" : "bob", null, None);
        }
        for (var i = 0; i < 10; i++)
            await Store.PutAsync(new Link
            {
                Id = $"l{i}", Kind = NetworkInterface.Kind.Id, Location = $"/link/networkinterface/l{i}",
                Source = $"/compute/c{i:00}", Target = "/network/n1",
            }, "alice", null, None);
        await Store.PutAsync(NewCompute("c05"), "carol", 1, None);
        await Store.DeleteAsync("/compute/c07", None);
        await Store.DeleteBelowAsync("/compute/c2", None);
        await Store.AssociateMixinAsync(Red, ["/compute/c01", "/compute/c03"], None);
        await Store.DissociateMixinAsync(Blue, ["/compute/c03"], None);

        EntityQuery[] queries =
        [
            new(), new() { Kinds = [Compute.Kind.Id] }, new() { Owner = "alice" }, new() { Owner = "carol" },
            new() { Mixin = Blue }, new() { Mixin = Red }, new() { LinkSource = "/compute/c01" }, new() { LinkTarget = "/network/n1" },
            new() { LocationPrefix = "/compute/c1" }, new() { Attributes = [new(Compute.Cores, 3L)] },
            new() { Kinds = [Compute.Kind.Id], Skip = 3, Take = 5 },
        ];
        async Task<string[][]> AnswersAsync(JournaledEntityStore store)
        {
            var answers = new List<string[]>();
            foreach (var q in queries)
                answers.Add((await store.QueryAsync(q, None)).Select(r => $"{r.Entity.Location} v{r.Version} {r.Owner} {EntityDocumentCodec.EncodeToString(r.Entity)}").ToArray());
            return answers.ToArray();
        }
        var before = await AnswersAsync(Store);

        Db.Dispose();
        Db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = Folder.Path });
        var after = await AnswersAsync(new JournaledEntityStore(Db));

        Assert.That(before.Sum(a => a.Length), Is.GreaterThan(50)); // the queries do find something
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task A_category_id_its_identity_splits_otherwise_is_read_as_a_reopened_store_reads_it()
    {
        // The view takes a put entity's own fields only when decoding its document would give them back.
        var odd = new CategoryId("http://example.org/tags", "#odd");
        await Store.PutAsync(NewCompute("c1", odd), null, null, None);
        var before = (await Store.GetAsync("/compute/c1", None))!.Entity.Mixins;

        Db.Dispose();
        Db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = Folder.Path });
        var after = (await new JournaledEntityStore(Db).GetAsync("/compute/c1", None))!.Entity.Mixins;

        Assert.That(before, Is.EqualTo(new[] { CategoryId.Parse(odd.Identity) }));
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task A_store_opened_with_durable_commits_keeps_its_writes_across_a_reopen()
    {
        Db.Dispose();
        using (var durable = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = Folder.Path, DurableCommits = true }))
            await new JournaledEntityStore(durable).PutAsync(NewCompute("c1"), null, 0, None);
        Db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = Folder.Path });
        Assert.That((await new JournaledEntityStore(Db).GetAsync("/compute/c1", None))?.Version, Is.EqualTo(1));
    }

    [Test]
    public void Durable_commits_are_off_unless_configured()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Occi:DataPath"] = Folder.Path }).Build();
        using var provider = new ServiceCollection().AddEmbeddedStore(config).BuildServiceProvider();
        Assert.That(provider.GetRequiredService<EmbeddedStoreOptions>().DurableCommits, Is.False);
    }
}
