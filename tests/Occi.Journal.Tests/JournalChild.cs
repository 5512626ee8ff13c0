using System.Globalization;

namespace Occi.Journal.Tests;

/// <summary>
/// The child process of the crash tests, started from this test assembly. It prints each record's number
/// once <see cref="AppendOnlyJournal.Append"/> returned (the record is acknowledged):
/// <c>append &lt;file&gt;</c> appends records in a loop, numbered on from what the journal holds;
/// <c>compact &lt;file&gt;</c> does the same but compacts the journal (to the same records) before every append;
/// <c>tear &lt;file&gt; &lt;count&gt;</c> appends count records, then halts halfway through the next write, printing "halted";
/// <c>lock &lt;folder&gt;</c> holds the folder lock, prints "locked" and waits for its standard input to close.
/// </summary>
internal static class JournalChild
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["append" or "compact", var path]:
                {
                    var numbers = new List<int>();
                    using var journal = Records.Open(path, numbers);
                    var compact = args[0] == "compact";
                    for (var n = numbers.Count; ; n++)
                    {
                        if (compact)
                        {
                            var all = numbers.ToArray();
                            journal.Compact(file => { foreach (var k in all) file.Write(Records.Line(k, Records.Pad(k))); });
                        }
                        journal.Append(Records.Line(n, Records.Pad(n)));
                        numbers.Add(n);
                        Console.Out.WriteLine(n.ToString(CultureInfo.InvariantCulture));
                        Console.Out.Flush();
                    }
                }
            case ["tear", var path, var count]:
                {
                    // Appends count records, then is stopped inside the next write, half of it with the OS.
                    var numbers = new List<int>();
                    HaltingFile? file = null;
                    using var journal = AppendOnlyJournal.Open(path, durable: false,
                        line => numbers.Add(Records.Number(line)), p => file = new HaltingFile(p));
                    for (var n = numbers.Count; ; n++)
                    {
                        file!.HaltInNextWrite = n == numbers.Count + int.Parse(count, CultureInfo.InvariantCulture);
                        journal.Append(Records.Line(n, Records.Pad(n)));
                        Console.Out.WriteLine(n.ToString(CultureInfo.InvariantCulture));
                        Console.Out.Flush();
                    }
                }
            case ["lock", var folder]:
                using (FolderLock.Acquire(folder, "test.lock"))
                {
                    Console.Out.WriteLine("locked");
                    Console.Out.Flush();
                    await Console.In.ReadToEndAsync();
                    return 0;
                }
            default:
                await Console.Error.WriteLineAsync("usage: append <file> | compact <file> | tear <file> <count> | lock <folder>");
                return 2;
        }
    }
}

/// <summary>A journal file that, when told, writes half of the next append, says so, and waits to be killed.</summary>
internal sealed class HaltingFile(string path) : FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0)
{
    public bool HaltInNextWrite { get; set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!HaltInNextWrite)
        {
            base.Write(buffer);
            return;
        }
        base.Write(buffer[..(buffer.Length / 2)]);
        Console.Out.WriteLine("halted");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite); // the test kills the process here
    }
}
