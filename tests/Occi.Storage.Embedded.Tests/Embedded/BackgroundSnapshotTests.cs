using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

// Issue 13: the view's snapshot is also written while the store runs, and the journal keeps every segment from the
// snapshot's cut on, so an open after a crash reads the snapshot plus the journal after it. A kill while a snapshot is
// being written, a snapshot older than the rows plus its tail, a damaged snapshot with a tail: the reopened store
// answers every query exactly as the view loaded from SQLite does, and no acknowledged write is lost.
[NonParallelizable] // child processes on the data folder
public sealed class BackgroundSnapshotTests : SnapshotFolderTest
{
    private protected override EmbeddedDatabase Open() => OpenWith();

    private EmbeddedDatabase OpenWith(long snapshotJournalBytes = 0, long segmentBytes = 8 << 20) => EmbeddedDatabase.Open(new EmbeddedStoreOptions
    {
        DataPath = Folder.Path, CheckpointInterval = Timeout.InfiniteTimeSpan, JournalGather = Timeout.InfiniteTimeSpan,
        SnapshotJournalBytes = snapshotJournalBytes, JournalSegmentBytes = segmentBytes,
    });

    private string[] JournalSegments() => [.. Directory.GetFiles(Folder.Path, "entities.*.journal").Select(Path.GetFileName).Order()!];

    private static Resource Numbered(string key, int i)
    {
        var entity = new Resource { Id = key, Kind = Compute.Kind.Id, Location = "/compute/" + key };
        entity.Attributes[Compute.Cores] = i;
        return entity;
    }

    /// <summary>Every entity as its document with version and owner, in location order, and the computes' locations page by page.</summary>
    private static async Task<string[]> AnswersAsync(IEntityStore store)
    {
        var all = (await store.QueryAsync(new EntityQuery(), None)).Select(r => $"{r.Entity.Location} v{r.Version} {r.Owner} {Occi.Core.Documents.EntityDocumentCodec.EncodeToString(r.Entity)}");
        var page = await store.QueryLocationsAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "crash", Skip = 3, Take = 5 }, None);
        return [.. all, .. page];
    }

    private Task<string[]> ReopenedAnswersAsync(string expectedSource) => ReopenedAsync(expectedSource, AnswersAsync);

    private Task<string[]> AnswersFromSqliteAsync() => FromSqliteAsync(AnswersAsync);

    /// <summary>Runs the child's "snapshot" mode and kills it once SQLite holds every write it made.</summary>
    private async Task KillAfterSnapshotAndTailAsync()
    {
        using var child = Crash.ChildProcess.Start("snapshot", Folder.Path, "s");
        await child.WaitForFirstLineAsync(TimeSpan.FromSeconds(60));
        Assert.That(child.CompleteLines(), Is.EqualTo(new[] { "ready" }));
        await child.KillAsync();
    }

    [Test]
    public async Task The_journal_keeps_the_segments_after_the_snapshot_until_a_newer_one_covers_them()
    {
        using var db = OpenWith(segmentBytes: 1); // every write closes its segment
        var store = new JournaledEntityStore(db);
        for (var i = 0; i < 3; i++) await store.PutAsync(Numbered($"a{i}", i), null, 0, None);
        db.ApplyJournal();
        Assert.That(JournalSegments(), Is.Empty, "with no snapshot, SQLite alone decides");

        Assert.That(db.WriteSnapshotNow(), Is.True);
        for (var i = 0; i < 3; i++) await store.PutAsync(Numbered($"b{i}", i), null, 0, None);
        db.ApplyJournal();
        Assert.That(JournalSegments(), Has.Length.EqualTo(3), "SQLite holds them, the snapshot does not");

        Assert.That(db.WriteSnapshotNow(), Is.True);
        await store.PutAsync(Numbered("c", 0), null, 0, None);
        db.ApplyJournal();
        Assert.That(JournalSegments(), Has.Length.EqualTo(1), "only the write after the newer snapshot");
    }

    [Test]
    public async Task After_a_crash_the_open_reads_the_snapshot_taken_while_running_plus_the_journal_after_it()
    {
        await KillAfterSnapshotAndTailAsync();
        Assert.That(File.Exists(SnapshotPath), Is.True);
        Assert.That(JournalSegments(), Is.Not.Empty, "the writes after the snapshot are kept for it");

        var reopened = await ReopenedAnswersAsync(ViewSnapshot.FileName);

        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            Assert.That((await store.GetAsync("/compute/s-0", None))?.Version, Is.EqualTo(2));
            Assert.That(await store.GetAsync("/compute/s-2", None), Is.Null);
            Assert.That(await store.GetAsync("/compute/s-25", None), Is.Not.Null);
            Assert.That(await store.CountAsync(new EntityQuery { LocationPrefix = "/compute/s-" }, None), Is.EqualTo(18)); // 30 less 1, 2, 10 to 19
        }
        Assert.That(reopened, Is.EqualTo(await AnswersFromSqliteAsync()));
    }

    [Test]
    public async Task A_damaged_snapshot_taken_while_running_is_set_aside_and_SQLite_with_the_journal_answers()
    {
        await KillAfterSnapshotAndTailAsync();
        var bytes = await File.ReadAllBytesAsync(SnapshotPath);
        bytes[bytes.Length / 2] ^= 0x10;
        await File.WriteAllBytesAsync(SnapshotPath, bytes);

        var reopened = await ReopenedAnswersAsync("SQLite");

        Assert.That(reopened.Count(a => a.StartsWith("/compute/s-", StringComparison.Ordinal)), Is.EqualTo(18));
        Assert.That(reopened, Is.EqualTo(await AnswersFromSqliteAsync()));
    }

    [Test]
    public async Task Writes_journaled_after_a_clean_close_whose_snapshot_is_gone_are_replayed_into_SQLite()
    {
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            for (var i = 0; i < 30; i++) await store.PutAsync(Numbered($"a{i}", i), "crash", 0, None);
        }
        File.Delete(SnapshotPath); // the rows hold lines of segment 1; the journal is gone
        using (var child = Crash.ChildProcess.Start("tail", Folder.Path, "t", "journal"))
        {
            await child.WaitForFirstLineAsync(TimeSpan.FromSeconds(60));
            await child.KillAsync();
        }

        using var reopened = Open();
        Assert.That(reopened.ViewSource, Is.EqualTo("SQLite"));
        var answers = new JournaledEntityStore(reopened);
        Assert.That(await answers.CountAsync(new EntityQuery { LocationPrefix = "/compute/t-" }, None), Is.EqualTo(9), "new lines are never numbered as lines the rows hold");
        Assert.That(await answers.CountAsync(new EntityQuery { LocationPrefix = "/compute/a" }, None), Is.EqualTo(30));
    }

    [Test]
    public async Task A_journal_grown_past_the_bound_is_snapshotted_in_the_background()
    {
        using var db = OpenWith(snapshotJournalBytes: 4 << 10);
        var store = new JournaledEntityStore(db);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var i = 0;
        while (!File.Exists(SnapshotPath))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no snapshot in the background");
            await store.PutAsync(Numbered($"g{i}", i), null, 0, None);
            i++;
            if (i % 50 == 0) await Task.Delay(20);
        }
        Assert.That(i, Is.GreaterThan(10), "not before the journal grew by 4 KiB");
    }

    [Test]
    public async Task Processes_killed_while_writing_snapshots_in_the_background_lose_no_write_and_reopen_as_SQLite_answers()
    {
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            for (var i = 0; i < 20_000; i++) await store.PutAsync(Numbered($"p{i}", i), "crash", 0, None); // a view that takes a while to write
        }
        var random = new Random(13);
        var acknowledged = new List<string>();
        var deleted = new List<string>();
        var killedMidSnapshot = 0;
        var fromSnapshot = 0;
        for (var round = 0; round < 8; round++)
        {
            using (var child = Crash.ChildProcess.Start("snapshots", Folder.Path, "k" + round))
            {
                await child.WaitForFirstLineAsync(TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(50, 400));
                await child.KillAsync();
                var lines = child.CompleteLines();
                // A line without "-" is acknowledged; the key before one ending in 2 mod 3 was deleted before it.
                foreach (var line in lines.Where(l => !l.StartsWith('-')))
                {
                    acknowledged.Add(line);
                    var n = int.Parse(line[(line.IndexOf('-') + 1)..]);
                    if (n % 3 == 2) deleted.Add($"k{round}-{n - 1}");
                }
            }
            if (File.Exists(SnapshotPath + Occi.Journal.AtomicFile.TempSuffix)) killedMidSnapshot++;
            string[] reopened;
            using (var db = Open())
            {
                if (db.ViewSource == ViewSnapshot.FileName) fromSnapshot++;
                var store = new JournaledEntityStore(db);
                foreach (var key in acknowledged)
                    Assert.That(await store.GetAsync("/compute/" + key, None), Is.Not.Null, $"round {round}: {key} lost");
                foreach (var key in deleted)
                    Assert.That(await store.GetAsync("/compute/" + key, None), Is.Null, $"round {round}: {key} deleted, yet back");
                reopened = await AnswersAsync(store);
            }
            Assert.That(reopened, Is.EqualTo(await AnswersFromSqliteAsync()), $"round {round}");
            // The next child starts from the snapshot this close wrote: a kill before its own is in place leaves that
            // one, older than the rows, with the journal after it.
        }
        TestContext.Out.WriteLine($"{acknowledged.Count} acknowledged writes; {killedMidSnapshot} of 8 kills while a snapshot was being written; {fromSnapshot} reopened from a snapshot");
        Assert.That(killedMidSnapshot, Is.GreaterThan(0), "no kill landed while a snapshot was being written");
        Assert.That(fromSnapshot, Is.EqualTo(8), "every reopen after a kill reads a snapshot and the journal after it");
    }
}
