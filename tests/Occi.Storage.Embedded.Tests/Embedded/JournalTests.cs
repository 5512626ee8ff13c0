using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// The embedded store's failure model: a write is acknowledged once its journal line is written, and
/// SQLite takes it later. A write the journal refuses leaves no trace (memory, journal and file as they
/// were); a write SQLite refuses stays acknowledged, readable and journaled until SQLite takes it, in this
/// run or at the next open; replaying a journal SQLite already holds changes nothing.
/// </summary>
public sealed class JournalTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CategoryId Blue = new("http://example.org/tags#", "blue");
    private static readonly CategoryId Red = new("http://example.org/tags#", "red");

    private TempDataFolder _folder = null!;
    private FaultyFile? _lastSegment;

    [SetUp]
    public void CreateFolder() => _folder = new TempDataFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>The applier never runs by itself: each test applies the journal when it wants to.</summary>
    private EmbeddedDatabase Open(long segmentBytes = 8 << 20) => EmbeddedDatabase.Open(new EmbeddedStoreOptions
    {
        DataPath = _folder.Path,
        JournalGather = Timeout.InfiniteTimeSpan,
        JournalSegmentBytes = segmentBytes,
        OpenJournalSegment = path => _lastSegment = new FaultyFile(path),
    });

    private static Resource NewCompute(string id, params CategoryId[] mixins)
    {
        var r = new Resource { Id = id, Kind = Compute.Kind.Id, Location = "/compute/" + id, BackendId = "b-" + id };
        r.Title = "vm " + id;
        r.Attributes[Compute.Cores] = 2L;
        r.Mixins.AddRange(mixins);
        return r;
    }

    private string[] Segments() => Directory.GetFiles(_folder.Path, "entities.*.journal").Select(Path.GetFileName).Order().ToArray()!;

    private static async Task<string> DescribeAsync(JournaledEntityStore store)
    {
        var all = await store.QueryAsync(new EntityQuery(), None);
        return string.Join("; ", all.Select(r =>
            $"{r.Entity.Location} {r.Entity.Id} v{r.Version} {r.Owner} {r.Entity.Title} [{string.Join(",", r.Entity.Mixins)}]"));
    }

    // ---- writes the journal refuses ----

    [Test]
    public async Task Writes_the_journal_refuses_leave_memory_and_the_journal_as_they_were_and_later_writes_go_on()
    {
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            await store.PutAsync(NewCompute("c1", Blue), "alice", null, None);
            await store.PutAsync(NewCompute("c2"), "alice", null, None);
            var before = await DescribeAsync(store);
            _lastSegment!.FailWrites = true;

            var changed = NewCompute("c1", Red);
            changed.Title = "refused";
            Assert.ThrowsAsync<IOException>(() => store.PutAsync(changed, "mallory", 1, None));
            Assert.ThrowsAsync<IOException>(() => store.PutAsync(NewCompute("c3"), "alice", 0, None));
            Assert.ThrowsAsync<IOException>(() => store.AssociateMixinAsync(Red, ["/compute/c1", "/compute/c2"], None));
            Assert.ThrowsAsync<IOException>(() => store.DeleteAsync("/compute/c2", None));
            Assert.ThrowsAsync<IOException>(() => store.DeleteBelowAsync("/compute/", None));

            Assert.That(await DescribeAsync(store), Is.EqualTo(before));
            Assert.That(await store.GetByIdAsync("c3", None), Is.Null);
            Assert.That(await store.CountAsync(new EntityQuery { Owner = "mallory" }, None), Is.Zero);
            Assert.That(await store.CountAsync(new EntityQuery { Mixin = Red }, None), Is.Zero);

            _lastSegment.FailWrites = false;
            Assert.That(await store.PutAsync(NewCompute("c4"), null, 0, None), Is.EqualTo(1));
        }
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            Assert.That((await store.QueryAsync(new EntityQuery(), None)).Select(r => r.Entity.Id), Is.EqualTo(new[] { "c1", "c2", "c4" }));
            Assert.That((await store.GetAsync("/compute/c1", None))!.Entity.Mixins, Is.EqualTo(new[] { Blue }));
        }
    }

    [Test]
    public async Task A_refused_write_is_cut_from_the_journal_so_a_crash_replays_every_acknowledged_write_and_nothing_else()
    {
        string[] left;
        var copy = Path.Combine(_folder.Path, "copy");
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            await store.PutAsync(NewCompute("c1"), null, 0, None);
            _lastSegment!.FailWrites = true;
            Assert.ThrowsAsync<IOException>(() => store.PutAsync(NewCompute("c2"), null, 0, None));
            _lastSegment.FailWrites = false;
            await store.PutAsync(NewCompute("c3"), null, 0, None);
            // What a killed process leaves: the journal as it is now, SQLite without either write.
            left = Segments();
            Directory.CreateDirectory(copy);
            foreach (var name in left) File.Copy(Path.Combine(_folder.Path, name), Path.Combine(copy, name));
            Assert.That(db.PendingWrites, Is.EqualTo(2));
        }
        foreach (var name in left) File.Copy(Path.Combine(copy, name), Path.Combine(_folder.Path, name), overwrite: true);
        SqliteFile.Execute(Path.Combine(_folder.Path, EmbeddedDatabase.FileName), "DELETE FROM entities; DELETE FROM entity_mixins");

        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            Assert.That((await store.QueryAsync(new EntityQuery(), None)).Select(r => r.Entity.Id), Is.EqualTo(new[] { "c1", "c3" }));
            Assert.That(Segments(), Is.Empty, "the replayed journal is deleted");
        }
    }

    [Test]
    public async Task When_even_cutting_back_fails_the_torn_line_ends_its_segment_and_is_skipped_at_the_next_open()
    {
        var copy = Path.Combine(_folder.Path, "copy");
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            await store.PutAsync(NewCompute("c1"), null, 0, None);
            var torn = _lastSegment!;
            torn.FailWrites = torn.RefuseTruncate = true;
            Assert.ThrowsAsync<IOException>(() => store.PutAsync(NewCompute("c2"), null, 0, None));
            await store.PutAsync(NewCompute("c3"), null, 0, None);
            Assert.That(_lastSegment, Is.Not.SameAs(torn), "the write after the torn line starts a new segment");
            Assert.That(Segments(), Is.EqualTo(new[] { "entities.1.journal", "entities.2.journal" }));
            Directory.CreateDirectory(copy);
            foreach (var name in Segments()) File.Copy(Path.Combine(_folder.Path, name), Path.Combine(copy, name));
        }
        foreach (var path in Directory.GetFiles(copy)) File.Copy(path, Path.Combine(_folder.Path, Path.GetFileName(path)), overwrite: true);
        SqliteFile.Execute(Path.Combine(_folder.Path, EmbeddedDatabase.FileName), "DELETE FROM entities; DELETE FROM entity_mixins");

        using (var db = Open())
            Assert.That((await new JournaledEntityStore(db).QueryAsync(new EntityQuery(), None)).Select(r => r.Entity.Id), Is.EqualTo(new[] { "c1", "c3" }));
    }

    // ---- writes SQLite refuses ----

    [Test]
    public async Task A_write_SQLite_refuses_stays_acknowledged_and_readable_and_lands_once_SQLite_takes_it()
    {
        using var db = Open();
        var store = new JournaledEntityStore(db);
        var health = new EmbeddedStoreHealthCheck(db);
        SqliteFile.Execute(db.FilePath, "CREATE TRIGGER refuse BEFORE INSERT ON entities WHEN NEW.id = 'c2' BEGIN SELECT RAISE(ABORT, 'refused'); END");

        await store.PutAsync(NewCompute("c1"), null, 0, None);
        Assert.That(await store.PutAsync(NewCompute("c2", Blue), "alice", 0, None), Is.EqualTo(1));
        Assert.That(db.ApplyJournal(), Is.False);

        Assert.That((await store.GetAsync("/compute/c2", None))?.Owner, Is.EqualTo("alice"));
        Assert.That(await store.CountAsync(new EntityQuery { Mixin = Blue }, None), Is.EqualTo(1));
        Assert.That(SqliteFile.Scalar(db.FilePath, "SELECT COUNT(*) FROM entities"), Is.Zero, "one transaction: c1 waits with c2");
        Assert.That(db.PendingWrites, Is.EqualTo(2));
        var degraded = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.That(degraded.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(degraded.Description, Does.Contain("refused").And.Contain("2 waiting"));

        SqliteFile.Execute(db.FilePath, "DROP TRIGGER refuse");
        Assert.That(db.ApplyJournal(), Is.True);

        Assert.That(SqliteFile.Scalar(db.FilePath, "SELECT owner FROM entities WHERE location = '/compute/c2'"), Is.EqualTo("alice"));
        Assert.That(SqliteFile.Scalar(db.FilePath, "SELECT COUNT(*) FROM entity_mixins WHERE location = '/compute/c2'"), Is.EqualTo(1L));
        Assert.That(db.PendingWrites, Is.Zero);
        Assert.That((await health.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task Writes_SQLite_still_refuses_at_close_stay_in_the_journal_and_land_once_it_takes_them()
    {
        string file;
        using (var db = Open())
        {
            file = db.FilePath;
            SqliteFile.Execute(file, "CREATE TRIGGER refuse BEFORE DELETE ON entities BEGIN SELECT RAISE(ABORT, 'refused'); END");
            var store = new JournaledEntityStore(db);
            await store.PutAsync(NewCompute("c1"), null, 0, None);
            Assert.That(db.ApplyJournal(), Is.True);
            Assert.That(await store.DeleteAsync("/compute/c1", None), Is.True);
            await store.PutAsync(NewCompute("c2"), null, 0, None);
        }
        Assert.That(Segments(), Is.Not.Empty);
        Assert.That(SqliteFile.Scalar(file, "SELECT COUNT(*) FROM entities"), Is.EqualTo(1L), "c1 is still in SQLite");

        // The open answers from the view with the journal replayed onto it; the applier keeps offering SQLite the
        // writes it refuses (the health check says why), as it does while the store runs.
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            Assert.That((await store.QueryAsync(new EntityQuery(), None)).Select(r => r.Entity.Id), Is.EqualTo(new[] { "c2" }));
            Assert.That(db.ApplyJournal(), Is.False);
            Assert.That(db.ApplyFailure, Is.Not.Null);
            Assert.That(Segments(), Is.Not.Empty);

            SqliteFile.Execute(file, "DROP TRIGGER refuse");
            Assert.That(db.ApplyJournal(), Is.True);
            Assert.That(SqliteFile.Scalar(db.FilePath, "SELECT group_concat(id) FROM entities"), Is.EqualTo("c2"));
        }
        Assert.That(Segments(), Is.Empty);
    }

    // ---- replay ----

    [Test]
    public async Task Replaying_a_journal_SQLite_already_holds_changes_nothing_even_when_an_id_moved()
    {
        string before;
        string[] left;
        var copy = Path.Combine(_folder.Path, "copy");
        using (var db = Open())
        {
            var store = new JournaledEntityStore(db);
            await store.PutAsync(NewCompute("x", Blue), "alice", 0, None);
            await store.AssociateMixinAsync(Red, ["/compute/x"], None);
            await store.PutAsync(NewCompute("y"), null, 0, None);
            await store.DeleteAsync("/compute/x", None);
            var moved = NewCompute("x", Red); // the id x again, now at another location
            moved.Location = "/compute/elsewhere";
            await store.PutAsync(moved, "bob", 0, None);
            await store.PutAsync(new Resource { Id = "s1", Kind = Occi.Infrastructure.Kinds.Storage.Kind.Id, Location = "/storage/a/s1" }, null, 0, None);
            await store.DeleteBelowAsync("/storage/a/", None);
            Assert.That(db.ApplyJournal(), Is.True);
            // A crash after SQLite took the writes but before the journal went: both are left.
            left = Segments();
            Directory.CreateDirectory(copy);
            foreach (var name in left) File.Copy(Path.Combine(_folder.Path, name), Path.Combine(copy, name));
            before = await DescribeAsync(store);
        }
        foreach (var name in left) File.Copy(Path.Combine(copy, name), Path.Combine(_folder.Path, name));

        using (var db = Open())
        {
            Assert.That(await DescribeAsync(new JournaledEntityStore(db)), Is.EqualTo(before));
            Assert.That(SqliteFile.Scalar(db.FilePath, "SELECT group_concat(location || '=' || mixin) FROM entity_mixins"), Is.EqualTo($"/compute/elsewhere={Red.Identity}"));
        }
    }

    // ---- segments ----

    [Test]
    public async Task Segments_close_as_they_fill_and_go_once_SQLite_holds_their_writes()
    {
        using (var db = Open(segmentBytes: 2048))
        {
            var store = new JournaledEntityStore(db);
            for (var i = 0; i < 40; i++) await store.PutAsync(NewCompute("c" + i), null, 0, None);
            Assert.That(Segments(), Has.Length.GreaterThan(3));

            Assert.That(db.ApplyJournal(), Is.True);
            Assert.That(Segments(), Has.Length.LessThanOrEqualTo(1), "only the segment still being written to is left");
            await store.PutAsync(NewCompute("last"), null, 0, None);
        }
        Assert.That(Segments(), Is.Empty, "a clean close applies everything and deletes the journal");
        using (var db = Open())
            Assert.That(await new JournaledEntityStore(db).CountAsync(new EntityQuery(), None), Is.EqualTo(41));
    }

    [Test]
    public async Task The_applier_thread_moves_writes_into_SQLite_by_itself()
    {
        var gather = TimeSpan.FromMilliseconds(5);
        var clock = new FakeTimeProvider();
        using var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = _folder.Path, JournalGather = gather }, clock: clock);
        var store = new JournaledEntityStore(db);
        for (var i = 0; i < 20; i++) await store.PutAsync(NewCompute("c" + i), null, 0, None);
        Assert.That(db.PendingWrites, Is.EqualTo(20), "nothing is applied while the applier gathers");
        // Each look moves the clock past the gather the thread waits on (whenever it set it); what is awaited
        // is then the thread's SQLite transaction, real I/O, hence the generous bound.
        Assert.That(() => { clock.Advance(gather); return db.PendingWrites; }, Is.Zero.After(30_000, 10));
        Assert.That(SqliteFile.Scalar(db.FilePath, "SELECT COUNT(*) FROM entities"), Is.EqualTo(20L));
    }
}
