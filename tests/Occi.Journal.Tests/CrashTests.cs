using System.Globalization;

namespace Occi.Journal.Tests;

/// <summary>
/// A writer killed with SIGKILL at any moment — mid-append (some records are 256 KiB, so a kill can land
/// inside one write), mid-compaction, before or after the rename — leaves a journal that opens and holds
/// every acknowledged record, in order, once, plus at most the one record in flight.
/// </summary>
[NonParallelizable]
public sealed class CrashTests
{
    private const int Kills = 12;

    [TestCase("append")]
    [TestCase("compact")]
    public async Task Every_acknowledged_record_survives_SIGKILL_and_only_the_torn_tail_is_dropped(string mode)
    {
        using var folder = new TempFolder();
        var path = folder.File("test.journal");
        var random = new Random(12);
        var acknowledged = -1;
        var tornTails = 0;
        for (var round = 0; round < Kills; round++)
        {
            using (var child = Child.Start(mode, path))
            {
                // Kill after a random number of acknowledgements: the child is busy writing the next one meanwhile.
                for (var wanted = random.Next(1, 40); wanted > 0; wanted--)
                {
                    var line = await child.ReadLineAsync() ?? throw new InvalidOperationException($"round {round}: the child stopped");
                    acknowledged = int.Parse(line, CultureInfo.InvariantCulture);
                }
                foreach (var line in await child.KillAsync()) acknowledged = int.Parse(line, CultureInfo.InvariantCulture);
            }

            var numbers = new List<int>();
            using (var journal = Records.Open(path, numbers))
                if (journal.Recovery.HadTornTail) tornTails++;
            Assert.That(numbers, Has.Count.InRange(acknowledged + 1, acknowledged + 2), $"round {round}: acknowledged records lost (or more than the one in flight found)");
            Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, numbers.Count)), $"round {round}: records out of order or twice");
            Assert.That(File.Exists(path + AtomicFile.TempSuffix), Is.False, "an interrupted compaction's leftover is removed");
            acknowledged = numbers.Count - 1; // the next child numbers on from what the journal holds
        }
        TestContext.Out.WriteLine($"{mode}: {Kills} kills, {acknowledged + 1} records, {tornTails} torn tails dropped");
    }

    [Test]
    public async Task A_writer_killed_inside_a_write_loses_only_that_record_and_the_journal_goes_on()
    {
        using var folder = new TempFolder();
        var path = folder.File("test.journal");
        var random = new Random(3);
        var held = 0;
        for (var round = 0; round < 5; round++)
        {
            var count = random.Next(0, 30);
            using (var child = Child.Start("tear", path, count.ToString(CultureInfo.InvariantCulture)))
            {
                var lines = new List<string>();
                while (await child.ReadLineAsync() is { } line && line != "halted") lines.Add(line);
                await child.KillAsync();
                Assert.That(lines, Is.EqualTo(Enumerable.Range(held, count).Select(n => n.ToString(CultureInfo.InvariantCulture))));
            }

            var numbers = new List<int>();
            using (var journal = Records.Open(path, numbers))
                Assert.That(journal.Recovery.HadTornTail, Is.True, $"round {round}: half a record was left");
            held += count;
            Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, held)), $"round {round}: every acknowledged record, nothing of the torn one");
        }
    }
}
