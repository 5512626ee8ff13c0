using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Storage.Contract;

namespace Occi.Storage.Embedded.Tests.Embedded;

// Issue 13: a clean close writes the in-memory view to entities.snapshot and the next open reads it back instead of
// every document in SQLite. Whatever happened to the snapshot (never written, cut short by a kill, older than the
// rows, its bytes damaged), the reopened store answers every query exactly as the view loaded from SQLite does.
[NonParallelizable] // child processes on the data folder
public sealed class ViewSnapshotTests : SnapshotFolderTest
{
    private static readonly CategoryId Blue = new("http://example.org/tags#", "blue");
    private static readonly CategoryId Red = new("http://example.org/tags#", "red");

    private protected override EmbeddedDatabase Open() => EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = Folder.Path, CheckpointInterval = Timeout.InfiniteTimeSpan });

    /// <summary>Resources with owners, mixins and attributes, links with and without the kinds of their ends, then updates and deletes.</summary>
    private static async Task WriteAMixAsync(IEntityStore store, string prefix)
    {
        for (var i = 0; i < 30; i++)
        {
            var c = new Resource { Id = $"{prefix}c{i:00}", Kind = Compute.Kind.Id, Location = $"/compute/{prefix}c{i:00}", BackendId = i % 5 == 0 ? null : "b" + i };
            c.Title = "vm ü " + i;
            c.Attributes[Compute.Cores] = (long)(i % 4);
            c.Attributes["org.example.list"] = Occi.Core.Attributes.AttributeValue.Array([1L, "two", 3.5]);
            if (i % 3 == 0) c.Mixins.Add(Blue);
            if (i % 7 == 0) c.Mixins.Add(Red);
            await store.PutAsync(c, i % 2 == 0 ? "alice" : i % 3 == 0 ? null : "bob", null, None);
        }
        for (var i = 0; i < 10; i++)
            await store.PutAsync(new Link
            {
                Id = $"{prefix}l{i}", Kind = NetworkInterface.Kind.Id, Location = $"/link/networkinterface/{prefix}l{i}",
                Source = $"/compute/{prefix}c{i:00}", Target = "/network/n1",
                SourceKind = i % 2 == 0 ? Compute.Kind.Id : null, TargetKind = i % 3 == 0 ? Network.Kind.Id : null,
            }, "alice", null, None);
        await store.DeleteAsync($"/compute/{prefix}c07", None);
        await store.DeleteBelowAsync($"/compute/{prefix}c2", None);
        await store.AssociateMixinAsync(Red, [$"/compute/{prefix}c01", $"/compute/{prefix}c03"], None);
        await store.DissociateMixinAsync(Blue, [$"/compute/{prefix}c03"], None);
    }

    /// <summary>What a store answers to queries over every index of the view, each entity as its document with version and owner.</summary>
    private static async Task<string[][]> AnswersAsync(IEntityStore store)
    {
        EntityQuery[] queries =
        [
            new(), new() { Kinds = [Compute.Kind.Id] }, new() { Kinds = [NetworkInterface.Kind.Id], Skip = 2, Take = 3 },
            new() { Owner = "alice" }, new() { Owner = "bob" }, new() { Mixin = Blue }, new() { Mixin = Red },
            new() { LinkSource = "/compute/c01" }, new() { LinkTarget = "/network/n1" }, new() { LocationPrefix = "/compute/c1" },
            new() { Attributes = [new(Compute.Cores, 3L)] }, new() { Attributes = [new(Entity.IdAttribute, "c04")] },
        ];
        var answers = new List<string[]>();
        foreach (var q in queries)
            answers.Add((await store.QueryAsync(q, None)).Select(r => $"{r.Entity.Location} v{r.Version} {r.Owner} {EntityDocumentCodec.EncodeToString(r.Entity)}").ToArray());
        answers.Add([.. await store.QueryLocationsAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Skip = 1, Take = 4 }, None)]);
        answers.Add([(await store.GetByIdAsync("l3", None))?.Entity.Location ?? "none"]);
        return [.. answers];
    }

    private Task<string[][]> ReopenedAnswersAsync(string expectedSource) => ReopenedAsync(expectedSource, AnswersAsync);

    private Task<string[][]> AnswersFromSqliteAsync() => FromSqliteAsync(AnswersAsync);

    [Test]
    public async Task A_clean_close_writes_a_snapshot_the_next_open_reads_and_it_answers_as_SQLite_does()
    {
        string[][] before;
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            await WriteAMixAsync(store, "");
            before = await AnswersAsync(store);
        }
        Assert.That(File.Exists(SnapshotPath), Is.True);

        var fromSnapshot = await ReopenedAnswersAsync(ViewSnapshot.FileName);

        Assert.That(before.Sum(a => a.Length), Is.GreaterThan(60));
        Assert.That(fromSnapshot, Is.EqualTo(before));
        Assert.That(await AnswersFromSqliteAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_empty_store_closes_and_reopens_from_its_snapshot()
    {
        Open().Dispose();
        Assert.That(await ReopenedAnswersAsync(ViewSnapshot.FileName), Is.EqualTo(await AnswersFromSqliteAsync()));
    }

    [Test]
    public async Task A_snapshot_with_any_byte_damaged_is_set_aside_and_the_view_loaded_from_SQLite()
    {
        using (var db = Open()) await WriteAMixAsync(new JournaledEntityStore(db), "");
        var good = await File.ReadAllBytesAsync(SnapshotPath);
        var expected = await AnswersFromSqliteAsync();
        var random = new Random(13);
        var positions = Enumerable.Range(0, 24).Select(_ => random.Next(good.Length)).Concat([0, 8, 12, good.Length / 2, good.Length - 1]);
        foreach (var position in positions)
        {
            var damaged = (byte[])good.Clone();
            damaged[position] ^= (byte)(1 << random.Next(8));
            await File.WriteAllBytesAsync(SnapshotPath, damaged);

            Assert.That(await ReopenedAnswersAsync("SQLite"), Is.EqualTo(expected), $"a bit flipped at byte {position} of {good.Length}");
            File.Delete(SnapshotPath); // the close wrote a good one again
        }
    }

    [Test]
    public async Task A_snapshot_cut_short_is_set_aside_and_the_view_loaded_from_SQLite()
    {
        using (var db = Open()) await WriteAMixAsync(new JournaledEntityStore(db), "");
        var good = await File.ReadAllBytesAsync(SnapshotPath);
        var expected = await AnswersFromSqliteAsync();
        foreach (var length in new[] { 0, 7, 20, good.Length / 3, good.Length - 33, good.Length - 1 })
        {
            await File.WriteAllBytesAsync(SnapshotPath, good[..length]);
            Assert.That(await ReopenedAnswersAsync("SQLite"), Is.EqualTo(expected), $"cut to {length} of {good.Length} bytes");
            Assert.That(File.Exists(SnapshotPath), Is.True, "the close writes a whole one again");
        }
    }

    [Test]
    public async Task A_snapshot_of_another_data_file_is_set_aside()
    {
        using var other = new TempDataFolder();
        using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = other.Path }))
            await WriteAMixAsync(new JournaledEntityStore(db), "other");
        using (var db = Open()) await WriteAMixAsync(new JournaledEntityStore(db), "");
        var expected = await AnswersFromSqliteAsync();
        File.Copy(Path.Combine(other.Path, ViewSnapshot.FileName), SnapshotPath, overwrite: true);

        Assert.That(await ReopenedAnswersAsync("SQLite"), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_temporary_file_a_killed_close_left_is_removed_and_the_whole_snapshot_read()
    {
        using (var db = Open()) await WriteAMixAsync(new JournaledEntityStore(db), "");
        var expected = await AnswersFromSqliteAsync(); // its close wrote the snapshot again
        await File.WriteAllBytesAsync(SnapshotPath + Occi.Journal.AtomicFile.TempSuffix, (await File.ReadAllBytesAsync(SnapshotPath))[..100]);

        Assert.That(await ReopenedAnswersAsync(ViewSnapshot.FileName), Is.EqualTo(expected));
        Assert.That(File.Exists(SnapshotPath + Occi.Journal.AtomicFile.TempSuffix), Is.False);
    }

    [TestCase("journal", ViewSnapshot.FileName, TestName = "A snapshot plus the journal tail a killed process left answers as SQLite does")]
    [TestCase("apply", ViewSnapshot.FileName, TestName = "A snapshot older than the rows a killed process applied, plus the journal kept for it, answers as SQLite does")]
    public async Task Writes_after_the_snapshot_by_a_killed_process(string apply, string expectedSource)
    {
        using (var db = Open()) await WriteAMixAsync(new JournaledEntityStore(db), "");
        using (var child = Crash.ChildProcess.Start("tail", Folder.Path, "t", apply))
        {
            await child.WaitForFirstLineAsync(TimeSpan.FromSeconds(30));
            Assert.That(child.CompleteLines(), Is.EqualTo(new[] { "ready" }));
            await child.KillAsync();
        }

        var reopened = await ReopenedAnswersAsync(expectedSource);
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            Assert.That((await store.GetAsync("/compute/t-0", None))?.Version, Is.EqualTo(2));
            Assert.That(await store.CountAsync(new EntityQuery { LocationPrefix = "/compute/t-" }, None), Is.EqualTo(9)); // 0, 2 to 9
        }
        Assert.That(reopened, Is.EqualTo(await AnswersFromSqliteAsync()));
    }

    [Test]
    public async Task A_process_killed_anywhere_in_its_close_loses_no_write_and_its_next_open_answers_as_SQLite_does()
    {
        using (var db = Open()) await WriteAMixAsync(new JournaledEntityStore(db), "");
        var random = new Random(5);
        var acknowledged = new List<string>();
        for (var round = 0; round < 8; round++)
        {
            using (var child = Crash.ChildProcess.Start("close", Folder.Path, "k" + round))
            {
                await child.WaitForFirstLineAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(random.Next(0, 150));
                await child.KillAsync();
                acknowledged.AddRange(child.CompleteLines());
            }
            var source = File.Exists(SnapshotPath) ? null : "SQLite"; // whole, or never renamed into place
            string[][] reopened;
            using (var db = Open())
            {
                if (source is not null) Assert.That(db.ViewSource, Is.EqualTo(source));
                var store = new JournaledEntityStore(db);
                foreach (var key in acknowledged)
                    Assert.That(await store.GetAsync("/compute/" + key, None), Is.Not.Null, $"round {round}: {key} lost");
                reopened = await AnswersAsync(store);
            }
            Assert.That(reopened, Is.EqualTo(await AnswersFromSqliteAsync()), $"round {round}");
        }
        Assert.That(acknowledged, Has.Count.GreaterThan(8));
    }
}

/// <summary>
/// The embedded store closed and opened again after every write, so each contract test reads what the snapshot of
/// the view (and, after a refused write, the view it was) holds: the snapshot must keep everything a test checks.
/// </summary>
public sealed class ReopenedEmbeddedStoreUnderTest : IStoreUnderTest
{
    private TempDataFolder? _folder;
    private ReopeningEntityStore? _store;

    public Task<(IEntityStore Entities, ICategoryStore Categories, IIntentStore Intents)> OpenAsync()
    {
        _folder = new TempDataFolder();
        _store = new ReopeningEntityStore(_folder.Path);
        return Task.FromResult<(IEntityStore, ICategoryStore, IIntentStore)>((_store, null!, null!));
    }

    public Task CloseAsync()
    {
        _store?.Dispose();
        _folder?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>One call at a time; after each write, the database is closed (writing the snapshot) and opened from it.</summary>
    private sealed class ReopeningEntityStore(string folder) : IEntityStore, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private EmbeddedDatabase _db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder });

        private async Task<T> CallAsync<T>(Func<IEntityStore, Task<T>> call, bool writes)
        {
            await _gate.WaitAsync();
            try
            {
                if (!writes) return await call(new JournaledEntityStore(_db));
                try
                {
                    return await call(new JournaledEntityStore(_db));
                }
                finally
                {
                    _db.Dispose();
                    _db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder });
                    if (_db.ViewSource != ViewSnapshot.FileName) throw new InvalidOperationException("the view was not read from its snapshot");
                }
            }
            finally { _gate.Release(); }
        }

        public Task<EntityRecord?> GetAsync(string location, CancellationToken cancellationToken) => CallAsync(s => s.GetAsync(location, cancellationToken), false);
        public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken cancellationToken) => CallAsync(s => s.GetByIdAsync(id, cancellationToken), false);
        public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken cancellationToken) => CallAsync(s => s.QueryAsync(query, cancellationToken), false);
        public Task<IReadOnlyList<string>> QueryLocationsAsync(EntityQuery query, CancellationToken cancellationToken) => CallAsync(s => s.QueryLocationsAsync(query, cancellationToken), false);
        public Task<int> CountAsync(EntityQuery query, CancellationToken cancellationToken) => CallAsync(s => s.CountAsync(query, cancellationToken), false);
        public Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken cancellationToken) => CallAsync(s => s.PutAsync(entity, owner, expectedVersion, cancellationToken), true);
        public Task<bool> DeleteAsync(string location, CancellationToken cancellationToken) => CallAsync(s => s.DeleteAsync(location, cancellationToken), true);
        public Task<int> DeleteBelowAsync(string prefix, CancellationToken cancellationToken) => CallAsync(s => s.DeleteBelowAsync(prefix, cancellationToken), true);
        public Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken cancellationToken) =>
            CallAsync(async s => { await s.AssociateMixinAsync(mixin, locations, cancellationToken); return 0; }, true);
        public Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken cancellationToken) =>
            CallAsync(async s => { await s.DissociateMixinAsync(mixin, locations, cancellationToken); return 0; }, true);

        public void Dispose()
        {
            _db.Dispose();
            _gate.Dispose();
        }
    }
}

// The entity store contract against the embedded store reopened from its view's snapshot after every write.
public sealed class ReopenedEmbeddedEntityStoreContractTests : EntityStoreContract<ReopenedEmbeddedStoreUnderTest>;
