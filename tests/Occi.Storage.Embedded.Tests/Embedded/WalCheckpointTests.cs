using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>Commits never checkpoint the WAL themselves; the background checkpointer does, and loses nothing.</summary>
public sealed class WalCheckpointTests
{
    private TempDataFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDataFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private EmbeddedDatabase Open() =>
        EmbeddedDatabase.Open(new EmbeddedStoreOptions
        {
            DataPath = _folder.Path, CheckpointInterval = Timeout.InfiniteTimeSpan, JournalGather = Timeout.InfiniteTimeSpan,
        });

    /// <summary>Each write applied to SQLite on its own, one commit each (the applier would gather them).</summary>
    private static async Task PutComputesAsync(EmbeddedDatabase db, int count)
    {
        var store = new JournaledEntityStore(db);
        for (var i = 0; i < count; i++)
        {
            await store.PutAsync(new Resource { Id = "c" + i, Kind = Compute.Kind.Id, Location = "/compute/c" + i }, null, 0, CancellationToken.None);
            Assert.That(db.ApplyJournal(), Is.True);
        }
    }

    private long WalBytes => new FileInfo(Path.Combine(_folder.Path, EmbeddedDatabase.FileName + "-wal")).Length;

    [Test]
    public async Task Commits_grow_the_WAL_past_SQLite_automatic_checkpoint_size_without_checkpointing()
    {
        using var db = Open();
        await PutComputesAsync(db, 800);

        // SQLite's automatic checkpoint would have restarted the WAL at 1,000 pages (4 MiB) and reused it.
        Assert.That(WalBytes, Is.GreaterThan(1000L * 4096 + 100 * 4096));
    }

    [Test]
    public async Task A_checkpoint_moves_every_committed_page_into_the_file_and_a_second_finds_nothing_to_do()
    {
        using var db = Open();
        await PutComputesAsync(db, 50);

        Assert.That(db.Checkpoint(), Is.True);
        Assert.That(db.Checkpoint(), Is.False);

        // Another connection's checkpoint now finds every WAL frame already in the file (log == checkpointed).
        using var connection = new SqliteConnection($"Data Source={db.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        Assert.That((reader.GetInt64(0), reader.GetInt64(1)), Is.EqualTo((0L, reader.GetInt64(2))));
        Assert.That(reader.GetInt64(1), Is.GreaterThan(0));
    }

    [Test]
    public async Task The_checkpointer_runs_by_itself_once_its_interval_has_passed()
    {
        var clock = new FakeTimeProvider();
        using var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions
        {
            DataPath = _folder.Path, CheckpointInterval = TimeSpan.FromSeconds(1), JournalGather = Timeout.InfiniteTimeSpan,
        }, clock: clock);
        await PutComputesAsync(db, 50);

        clock.Advance(TimeSpan.FromSeconds(1)); // the timer's checkpoint runs within the move

        Assert.That(db.Checkpoint(), Is.False, "nothing left to checkpoint");
    }

    [Test]
    public async Task Entities_written_between_checkpoints_are_all_there_after_a_reopen()
    {
        using (var db = Open())
        {
            await PutComputesAsync(db, 30);
            db.Checkpoint();
            var store = new JournaledEntityStore(db);
            for (var i = 30; i < 60; i++)
                await store.PutAsync(new Resource { Id = "c" + i, Kind = Compute.Kind.Id, Location = "/compute/c" + i }, null, 0, CancellationToken.None);
        }
        using (var db = Open())
            Assert.That(await new JournaledEntityStore(db).CountAsync(new Occi.Core.StoreContracts.EntityQuery(), CancellationToken.None), Is.EqualTo(60));
    }
}
