using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded.Tests.Embedded;

public class JournalIntentStoreTests
{
    private TempDataFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDataFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private EmbeddedDatabase Open() => EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = _folder.Path });

    private static Intent At(string id, int second) =>
        new(id, "create", "/compute/" + id, null, "alice", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 + second), "http://schemas.ogf.org/occi/infrastructure#compute");

    [Test]
    public async Task Open_intents_survive_a_reopen_and_closed_ones_do_not()
    {
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
        {
            await journal.WriteAsync(At("a", 1), CancellationToken.None);
            await journal.WriteAsync(At("b", 2), CancellationToken.None);
            await journal.CompleteAsync("a", CancellationToken.None);
        }
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
            Assert.That(await journal.ListOpenAsync(CancellationToken.None), Is.EqualTo(new[] { At("b", 2) }));
    }

    [Test]
    public async Task A_line_cut_short_by_a_crash_is_skipped()
    {
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
            await journal.WriteAsync(At("whole", 1), CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(_folder.Path, JournalIntentStore.FileName), "{\"Id\":\"torn\",\"Operation\":\"cre");
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
            Assert.That((await journal.ListOpenAsync(CancellationToken.None)).Select(i => i.Id), Is.EqualTo(new[] { "whole" }));
    }

    [Test]
    public async Task Reopening_compacts_the_journal_to_the_open_intents()
    {
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
        {
            for (var i = 0; i < 100; i++) await journal.WriteAsync(At("i" + i, i), CancellationToken.None);
            await journal.CompleteManyAsync(Enumerable.Range(0, 99).Select(i => "i" + i).ToArray(), CancellationToken.None);
        }
        using (var db = Open())
        using (new JournalIntentStore(db))
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(_folder.Path, JournalIntentStore.FileName));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.Contain("i99"));
        }
    }

    [Test]
    public async Task The_gateway_instance_that_wrote_an_intent_survives_a_reopen()
    {
        var intent = At("a", 1) with { Instance = "gw-a" };
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
            await journal.WriteAsync(intent, CancellationToken.None);
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
            Assert.That(await journal.ListOpenAsync(CancellationToken.None), Is.EqualTo(new[] { intent }));
    }

    [Test]
    public async Task A_long_journal_is_emptied_once_every_intent_is_closed_and_later_intents_survive_a_reopen()
    {
        var path = Path.Combine(_folder.Path, JournalIntentStore.FileName);
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
        {
            var ids = Enumerable.Range(0, 2100).Select(i => "i" + i).ToArray();
            foreach (var id in ids) await journal.WriteAsync(At(id, 0), CancellationToken.None);
            await journal.CompleteManyAsync(ids, CancellationToken.None); // 4,200 lines, nothing open
            Assert.That(new FileInfo(path).Length, Is.Zero);
            await journal.WriteAsync(At("later", 1), CancellationToken.None);
        }
        using (var db = Open())
        using (var journal = new JournalIntentStore(db))
            Assert.That(await journal.ListOpenAsync(CancellationToken.None), Is.EqualTo(new[] { At("later", 1) }));
    }
}
