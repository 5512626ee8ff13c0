using Occi.Core.Model;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Crash;

/// <summary>
/// The child process of the crash tests, started from this test assembly:
/// <c>write &lt;folder&gt; &lt;prefix&gt;</c> stores entities in a loop and prints each key on its own line
/// once PutAsync has returned (the write is acknowledged); <c>close &lt;folder&gt; &lt;prefix&gt;</c> opens, writes one
/// entity and closes the store in a loop, printing each key once the close is over; <c>tail &lt;folder&gt; &lt;prefix&gt;
/// apply|journal</c> writes, deletes and deletes below, waits until SQLite holds it all (apply) or keeps it in the
/// journal only (journal), prints "ready" and waits to be killed; <c>snapshot &lt;folder&gt; &lt;prefix&gt;</c> writes, takes a
/// snapshot of the view while running, writes and deletes more, waits until SQLite holds it all, prints "ready" and
/// waits to be killed; <c>snapshots &lt;folder&gt; &lt;prefix&gt;</c> writes in a loop as <c>write</c> does (and deletes every
/// third key, printed with a "-"), with a snapshot asked for after every 8 KiB of journal, so a kill lands in the
/// middle of one; <c>hold &lt;folder&gt;</c> opens the store, prints "ready" and keeps it open until its standard input closes.
/// </summary>
internal static class CrashWriterProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["write", var folder, var prefix]:
                using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder }))
                {
                    var store = new JournaledEntityStore(db);
                    var stdout = Console.Out;
                    for (var i = 0; ; i++)
                    {
                        var key = $"{prefix}-{i}";
                        await store.PutAsync(Numbered(key, i), "crash", 0, CancellationToken.None);
                        await stdout.WriteLineAsync(key);
                        await stdout.FlushAsync();
                    }
                }
            case ["close", var folder, var prefix]:
                // Opens, writes one entity, closes (which writes the view's snapshot): a kill lands anywhere in that.
                for (var i = 0; ; i++)
                {
                    var key = $"{prefix}-{i}";
                    using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder }))
                        await new JournaledEntityStore(db).PutAsync(Numbered(key, i), "crash", 0, CancellationToken.None);
                    await Console.Out.WriteLineAsync(key);
                    await Console.Out.FlushAsync();
                }
            case ["tail", var folder, var prefix, var apply]:
                // Writes that stay in the journal (the applier never runs) or reach SQLite too, then waits to be killed.
                using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions
                {
                    DataPath = folder,
                    JournalGather = apply == "apply" ? TimeSpan.FromMilliseconds(1) : Timeout.InfiniteTimeSpan,
                }))
                {
                    var store = new JournaledEntityStore(db);
                    for (var i = 0; i < 20; i++) await store.PutAsync(Numbered($"{prefix}-{i}", i), "tail", 0, CancellationToken.None);
                    await store.PutAsync(Numbered($"{prefix}-0", 100), "tail", 1, CancellationToken.None);
                    await store.DeleteAsync($"/compute/{prefix}-1", CancellationToken.None);
                    await store.DeleteBelowAsync($"/compute/{prefix}-1", CancellationToken.None); // 10 to 19
                    while (db.PendingWrites > 0 && apply == "apply") await Task.Delay(10);
                    Console.Out.WriteLine("ready");
                    Console.Out.Flush();
                    await Console.In.ReadToEndAsync();
                    return 0;
                }
            case ["snapshot", var folder, var prefix]:
                // Writes before and after a snapshot taken while running; SQLite then holds everything, so the
                // journal's segments are kept for the snapshot alone.
                using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions
                {
                    DataPath = folder, JournalGather = TimeSpan.FromMilliseconds(1), JournalSegmentBytes = 512, SnapshotJournalBytes = 0,
                }))
                {
                    var store = new JournaledEntityStore(db);
                    for (var i = 0; i < 20; i++) await store.PutAsync(Numbered($"{prefix}-{i}", i), "snap", 0, CancellationToken.None);
                    if (!db.WriteSnapshotNow()) return 3;
                    for (var i = 20; i < 30; i++) await store.PutAsync(Numbered($"{prefix}-{i}", i), "snap", 0, CancellationToken.None);
                    await store.PutAsync(Numbered($"{prefix}-0", 100), "snap", 1, CancellationToken.None);
                    await store.DeleteAsync($"/compute/{prefix}-2", CancellationToken.None);
                    await store.DeleteBelowAsync($"/compute/{prefix}-1", CancellationToken.None); // 1 and 10 to 19
                    while (db.PendingWrites > 0) await Task.Delay(10);
                    Console.Out.WriteLine("ready");
                    Console.Out.Flush();
                    await Console.In.ReadToEndAsync();
                    return 0;
                }
            case ["snapshots", var folder, var prefix]:
                using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder, JournalSegmentBytes = 16 << 10, SnapshotJournalBytes = 8 << 10 }))
                {
                    var store = new JournaledEntityStore(db);
                    var stdout = Console.Out;
                    for (var i = 0; ; i++)
                    {
                        var key = $"{prefix}-{i}";
                        await store.PutAsync(Numbered(key, i), "crash", 0, CancellationToken.None);
                        if (i % 3 == 2) await store.DeleteAsync($"/compute/{prefix}-{i - 1}", CancellationToken.None);
                        await stdout.WriteLineAsync(i % 3 == 1 ? "-" + key : key); // "-": the next write deletes it
                        await stdout.FlushAsync();
                    }
                }
            case ["hold", var folder]:
                using (EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder }))
                {
                    Console.Out.WriteLine("ready");
                    Console.Out.Flush();
                    await Console.In.ReadToEndAsync();
                    return 0;
                }
            default:
                await Console.Error.WriteLineAsync("usage: write|close|snapshot|snapshots <folder> <prefix> | tail <folder> <prefix> apply|journal | hold <folder>");
                return 2;
        }
    }

    private static Resource Numbered(string key, int i)
    {
        var entity = new Resource { Id = key, Kind = Compute.Kind.Id, Location = "/compute/" + key };
        entity.Attributes[Compute.Cores] = i;
        return entity;
    }
}
