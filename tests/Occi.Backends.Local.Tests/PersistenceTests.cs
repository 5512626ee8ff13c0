using Occi.Core.Attributes;
using Occi.Core.Model;
using static Occi.Backends.Local.Tests.TestCloud;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;

namespace Occi.Backends.Local.Tests;

public class PersistenceTests : CloudTest
{

    [Test]
    public async Task Every_kind_survives_a_restart()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        var storage = await backend.CreateAsync(Caller, Storage(), None);
        var network = await backend.CreateAsync(Caller, Network("192.168.1.0/24"), None);
        var nic = await backend.CreateAsync(Caller, Interface(compute, network, ip: true), None);
        var disk = await backend.CreateAsync(Caller, Disk(compute, storage), None);
        var restarted = Cloud.Reopen(backend);
        foreach (var e in new[] { compute, storage, network, nic, disk })
            Assert.That(await restarted.RefreshAsync(Caller, Handle(e), ReadFreshness.Live, None), Is.True, e.Kind.Term);
    }

    [Test]
    public async Task Attribute_values_keep_their_types_across_a_restart()
    {
        var backend = Cloud.Open();
        var r = Compute();
        r.Attributes[Infrastructure.Kinds.Compute.Cores] = 2;
        r.Attributes[Infrastructure.Kinds.Compute.Memory] = 4.0;
        r.Attributes[Infrastructure.Kinds.Compute.Speed] = 2.5;
        r.Attributes[Infrastructure.Kinds.Compute.Hostname] = "héllo \"quoted\"";
        r.Attributes["org.example.flags"] = AttributeValue.Array([true, 1, "x"]);
        r.Attributes["org.example.meta"] = AttributeValue.Object([new("a", 1.5)]);
        var created = await backend.CreateAsync(Caller, r, None);
        var read = await Read(Cloud.Reopen(backend), created);
        foreach (var name in new[] { Infrastructure.Kinds.Compute.Cores, Infrastructure.Kinds.Compute.Memory, Infrastructure.Kinds.Compute.Speed,
                     Infrastructure.Kinds.Compute.Hostname, "org.example.flags", "org.example.meta" })
        {
            Assert.That(read.Attributes[name], Is.EqualTo(r.Attributes[name]), name);
            Assert.That(read.Attributes[name].Kind, Is.EqualTo(r.Attributes[name].Kind), name);
        }
    }

    [Test]
    public async Task Non_finite_numbers_stay_numbers_across_a_restart()
    {
        var backend = Cloud.Open();
        var r = Compute();
        r.Attributes["org.example.nan"] = double.NaN;
        r.Attributes["org.example.limits"] = AttributeValue.Object([new("up", double.PositiveInfinity), new("down", double.NegativeInfinity)]);
        var created = await backend.CreateAsync(Caller, r, None);
        var read = await Read(Cloud.Reopen(backend), created);
        Assert.That(read.Attributes["org.example.nan"].Kind, Is.EqualTo(AttributeValueKind.Number));
        Assert.That(read.Attributes["org.example.nan"].AsNumber, Is.NaN);
        Assert.That(read.Attributes["org.example.limits"].AsObject.Select(m => m.Value.AsNumber),
            Is.EqualTo(new[] { double.PositiveInfinity, double.NegativeInfinity }));
    }

    [Test]
    public async Task A_state_changed_by_an_action_survives_a_restart()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        await Invoke(backend, compute, Infrastructure.Kinds.Compute.Stop);
        Assert.That(State(await Read(Cloud.Reopen(backend), compute)), Is.EqualTo("inactive"));
    }

    [Test]
    public async Task A_deleted_entity_stays_deleted_after_a_restart()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        await backend.DeleteAsync(Caller, Handle(compute), None);
        Assert.That(await Cloud.Reopen(backend).RefreshAsync(Caller, Handle(compute), ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task Changes_are_on_disk_before_the_call_returns()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        // Read the journal while the backend still holds it open, as a crash would leave it.
        using var journal = new FileStream(Cloud.JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(journal);
        Assert.That(await text.ReadToEndAsync(), Does.Contain(compute.BackendId));
    }

    [Test]
    public async Task A_journal_line_cut_short_by_a_crash_is_dropped_and_the_rest_loaded()
    {
        var backend = Cloud.Open();
        var a = await backend.CreateAsync(Caller, Compute(), None);
        var b = await backend.CreateAsync(Caller, Compute(), None);
        backend.Dispose();
        await File.AppendAllTextAsync(Cloud.JournalPath, "{\"seq\":3,\"put\":{\"id\":\"half-written\",\"kind\":\"http://schemas.ogf.org/occi/infr");

        var restarted = Cloud.Open();
        Assert.That(restarted.SkippedJournalLines, Is.EqualTo(1));
        Assert.That(restarted.Count, Is.EqualTo(2));
        Assert.That(await restarted.RefreshAsync(Caller, Handle(a), ReadFreshness.Live, None) && await restarted.RefreshAsync(Caller, Handle(b), ReadFreshness.Live, None), Is.True);
    }

    [Test]
    public async Task After_a_crash_the_backend_keeps_working_and_restarts_cleanly()
    {
        var backend = Cloud.Open();
        await backend.CreateAsync(Caller, Compute(), None);
        backend.Dispose();
        await File.AppendAllTextAsync(Cloud.JournalPath, "{\"seq\":2,\"pu");
        var restarted = Cloud.Open();
        var later = await restarted.CreateAsync(Caller, Compute(), None);
        var again = Cloud.Reopen(restarted);
        Assert.That(again.SkippedJournalLines, Is.Zero, "the broken line was compacted away");
        Assert.That(again.Count, Is.EqualTo(2));
        Assert.That(await again.RefreshAsync(Caller, Handle(later), ReadFreshness.Live, None), Is.True);
    }

    [Test]
    public async Task A_clean_shutdown_compacts_the_journal_into_the_snapshot()
    {
        var backend = Cloud.Open();
        await backend.CreateAsync(Caller, Compute(), None);
        backend.Dispose();
        Assert.That(new FileInfo(Cloud.JournalPath).Length, Is.Zero);
        Assert.That(await File.ReadAllTextAsync(Cloud.SnapshotPath), Does.Contain("\"entities\""));
    }

    [Test]
    public async Task A_long_journal_is_compacted_while_running_without_losing_anything()
    {
        var backend = Cloud.Open(o => o.CompactAfterRecords = 10);
        var ids = new List<string>();
        for (var i = 0; i < 50; i++) ids.Add((await backend.CreateAsync(Caller, Compute(), None)).BackendId!);
        for (var i = 0; i < 25; i++) await backend.DeleteAsync(Caller, new Resource { Kind = Infrastructure.Kinds.Compute.Kind.Id, BackendId = ids[i] }, None);
        ids.RemoveRange(0, 25);
        Assert.That(File.Exists(Cloud.SnapshotPath), Is.True, "compacted while running");
        Assert.That(File.ReadLines(Cloud.JournalPath).Count(), Is.LessThan(10 + 50 / 2 + 1));
        var restarted = Cloud.Reopen(backend);
        Assert.That(await FailureInjectionTests.Inventory(restarted), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task A_large_cloud_is_compacted_off_the_request_path_without_losing_anything()
    {
        var backend = Cloud.Open(o => (o.CompactAfterRecords, o.CompactInBackgroundFrom) = (10, 0));
        var ids = new List<string>();
        for (var i = 0; i < 50; i++) ids.Add((await backend.CreateAsync(Caller, Compute(), None)).BackendId!);
        for (var i = 0; i < 25; i++) await backend.DeleteAsync(Caller, new Resource { Kind = Infrastructure.Kinds.Compute.Kind.Id, BackendId = ids[i] }, None);
        ids.RemoveRange(0, 25);
        var restarted = Cloud.Reopen(backend);
        Assert.That(await FailureInjectionTests.Inventory(restarted), Is.EquivalentTo(ids));
        Assert.That(File.Exists(Path.Combine(Cloud.Folder, "local-backend.journal.compacting")), Is.False);
    }

    [Test]
    public async Task A_start_replays_the_journal_a_compaction_cut_short_had_set_aside()
    {
        var first = Cloud.Open();
        var a = await first.CreateAsync(Caller, Compute(), None);
        first.Dispose(); // snapshot: a
        var snapshot = await File.ReadAllBytesAsync(Cloud.SnapshotPath);
        var backend = Cloud.Open();
        var b = await backend.CreateAsync(Caller, Compute(), None);
        var setAside = await ReadWhileOpenAsync(Cloud.JournalPath);
        var c = await backend.CreateAsync(Caller, Compute(), None);
        var journal = (await ReadWhileOpenAsync(Cloud.JournalPath))[setAside.Length..];
        backend.Dispose();
        // As a crash leaves it after the journal was set aside (b) and before the snapshot was written: the next records (c) in a fresh journal.
        await File.WriteAllBytesAsync(Cloud.SnapshotPath, snapshot);
        await File.WriteAllBytesAsync(Path.Combine(Cloud.Folder, "local-backend.journal.compacting"), setAside);
        await File.WriteAllBytesAsync(Cloud.JournalPath, journal);

        var restarted = Cloud.Open();
        Assert.That(await FailureInjectionTests.Inventory(restarted), Is.EquivalentTo(new[] { a.BackendId, b.BackendId, c.BackendId }));
        Assert.That(File.Exists(Path.Combine(Cloud.Folder, "local-backend.journal.compacting")), Is.False, "compacted at the start");
    }

    private static async Task<byte[]> ReadWhileOpenAsync(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    [Test]
    public async Task Journal_records_already_in_the_snapshot_are_not_replayed()
    {
        var backend = Cloud.Open();
        var compute = await backend.CreateAsync(Caller, Compute(), None);
        var staleJournal = await File.ReadAllBytesAsync(Cloud.JournalPath); // holds the create
        await backend.DeleteAsync(Caller, Handle(compute), None);
        backend.Dispose();
        Cloud.Open().Dispose(); // compacts: the snapshot has neither, with seq 2
        // A crash between writing the snapshot and emptying the journal leaves records the snapshot includes.
        await File.WriteAllBytesAsync(Cloud.JournalPath, staleJournal);
        Assert.That(Cloud.Open().Count, Is.Zero);
    }

    [Test]
    public void A_second_backend_on_the_same_folder_is_refused()
    {
        Cloud.Open();
        Assert.Throws<IOException>(() => Cloud.Open());
    }

    [Test]
    public async Task The_files_live_in_the_configured_data_path()
    {
        var backend = Cloud.Open();
        await backend.CreateAsync(Caller, Compute(), None);
        Assert.That(File.Exists(Path.Combine(Cloud.Folder, "local-backend.journal")), Is.True);
    }
}
