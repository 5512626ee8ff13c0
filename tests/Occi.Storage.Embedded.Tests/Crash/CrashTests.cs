using Microsoft.Data.Sqlite;
using Occi.Core.StoreContracts;
using Occi.Storage.Embedded.Tests.Embedded;

namespace Occi.Storage.Embedded.Tests.Crash;

/// <summary>
/// Issue 4: a gateway killed with SIGKILL at any moment loses no acknowledged write and leaves a file
/// that opens. A child process writes in a loop and reports each acknowledged key; it is killed at
/// random points, and after each kill the store is reopened and every reported key looked up.
/// </summary>
[NonParallelizable]
public sealed class CrashTests
{
    private const int Kills = 50;

    [Test]
    public async Task Every_acknowledged_write_survives_SIGKILL_and_the_file_reopens()
    {
        using var folder = new TempDataFolder();
        var random = new Random(4);
        var acknowledged = new List<string>();
        for (var round = 0; round < Kills; round++)
        {
            using (var child = ChildProcess.Start("write", folder.Path, "r" + round))
            {
                await child.WaitForFirstLineAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(random.Next(0, 60));
                await child.KillAsync();
                var lines = child.CompleteLines();
                Assert.That(lines, Is.Not.Empty, $"round {round}: the child acknowledged nothing");
                acknowledged.AddRange(lines);
            }

            using var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder.Path });
            var store = new JournaledEntityStore(db);
            var missing = new List<string>();
            foreach (var key in acknowledged.Where(k => k.StartsWith("r" + round + "-", StringComparison.Ordinal)))
                if (await store.GetAsync("/compute/" + key, CancellationToken.None) is null) missing.Add(key);
            Assert.That(missing, Is.Empty, $"round {round}: acknowledged writes lost");
        }

        using (var db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder.Path }))
        {
            var store = new JournaledEntityStore(db);
            var lost = new List<string>();
            foreach (var key in acknowledged)
                if (await store.GetAsync("/compute/" + key, CancellationToken.None) is null) lost.Add(key);
            Assert.That(lost, Is.Empty, "acknowledged writes lost by a later round");
            var stored = await store.CountAsync(new EntityQuery(), CancellationToken.None);
            Assert.That(stored, Is.GreaterThanOrEqualTo(acknowledged.Count)); // the last write of a round may land unacknowledged
            using var connection = new SqliteConnection($"Data Source={db.FilePath};Pooling=False");
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        }
        TestContext.Out.WriteLine($"{Kills} kills, {acknowledged.Count} acknowledged writes, none lost");
    }

    [Test]
    public async Task A_second_gateway_process_on_the_same_data_folder_is_refused()
    {
        using var folder = new TempDataFolder();
        using var holder = ChildProcess.Start("hold", folder.Path);
        await holder.WaitForFirstLineAsync(TimeSpan.FromSeconds(30));
        Assert.That(holder.CompleteLines(), Is.EqualTo(new[] { "ready" }));

        Assert.That(() => EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder.Path }),
            Throws.InvalidOperationException.With.Message.Contains("in use by another OcciGateway process"));

        holder.CloseInput();
        await holder.WaitForExitAsync();
        Assert.That(() => EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = folder.Path }).Dispose(), Throws.Nothing);
    }
}
