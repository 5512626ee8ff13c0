using System.Globalization;

namespace Occi.Journal.Tests;

/// <summary>
/// The child process of the crash tests, started from this test assembly. It prints each record's number
/// once <see cref="AppendOnlyJournal.Append"/> returned (the record is acknowledged):
/// <c>append &lt;file&gt;</c> appends records in a loop (up to 400, then waits), numbered on from what the journal holds;
/// <c>compact &lt;file&gt;</c> does the same but compacts the journal (to the same records) before every append;
/// <c>tear &lt;file&gt; &lt;count&gt;</c> appends count records, then halts halfway through the next write, printing "halted";
/// <c>lock &lt;folder&gt;</c> holds the folder lock, prints "locked" and waits for its standard input to close.
/// </summary>
internal static class JournalChild
{
    private const int MaxRun = 400;

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["append" or "compact", var path]:
                {
                    var numbers = new List<int>();
                    using var journal = Records.Open(path, numbers);
                    var compact = args[0] == "compact";
                    // A bounded run (the test kills it long before, mostly): the journal stays small.
                    var end = numbers.Count + MaxRun;
                    for (var n = numbers.Count; n < end; n++)
                    {
                        if (compact)
                        {
                            var all = numbers.ToArray();
                            journal.Compact(file => { foreach (var k in all) file.Write(Records.Line(k, Records.Pad(k))); });
                        }
                        journal.Append(Records.Line(n, Records.Pad(n)));
                        numbers.Add(n);
                        Say(n.ToString(CultureInfo.InvariantCulture));
                    }
                    await Console.In.ReadToEndAsync();
                    return 0;
                }
            case ["tear", var path, var count]:
                {
                    // Appends count records, then is stopped inside the next write, half of it with the OS.
                    var numbers = new List<int>();
                    FailingFile? file = null;
                    using var journal = AppendOnlyJournal.Open(path, durable: false,
                        line => numbers.Add(Records.Number(line)), p => file = new FailingFile(p));
                    var halt = numbers.Count + int.Parse(count, CultureInfo.InvariantCulture);
                    for (var n = numbers.Count; ; n++)
                    {
                        if (n == halt) file!.HaltInNextWrite(() =>
                        {
                            Say("halted");
                            Thread.Sleep(Timeout.Infinite); // the test kills the process here
                        });
                        journal.Append(Records.Line(n, Records.Pad(n)));
                        Say(n.ToString(CultureInfo.InvariantCulture));
                    }
                }
            case ["lock", var folder]:
                using (FolderLock.Acquire(folder, "test.lock"))
                {
                    Say("locked");
                    await Console.In.ReadToEndAsync();
                }
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: append <file> | compact <file> | tear <file> <count> | lock <folder>");
                return 2;
        }
    }

    /// <summary>One line to the test, flushed at once: what it has read is what happened.</summary>
    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
