using System.Text;

namespace Occi.Journal.Tests;

/// <summary>What a reader of a journal sees after appends, torn writes, refused writes and compactions in this process.</summary>
public sealed class AppendOnlyJournalTests
{
    private TempFolder _folder = null!;
    private string _path = null!;

    [SetUp]
    public void Create()
    {
        _folder = new TempFolder();
        _path = _folder.File("test.journal");
    }

    [TearDown]
    public void Delete() => _folder.Dispose();

    private List<int> Reopen()
    {
        var numbers = new List<int>();
        using (Records.Open(_path, numbers)) { }
        return numbers;
    }

    private void AppendRecords(params int[] numbers)
    {
        using var journal = Records.Open(_path, []);
        foreach (var n in numbers) journal.Append(Records.Line(n, 20));
    }

    [Test]
    public void Appended_records_are_read_back_in_order()
    {
        AppendRecords(0, 1, 2);
        AppendRecords(3);
        Assert.That(Reopen(), Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void A_torn_last_line_is_dropped_and_cut_off_so_the_next_record_starts_on_a_line_of_its_own()
    {
        AppendRecords(0, 1);
        var whole = new FileInfo(_path).Length;
        File.AppendAllText(_path, "{\"n\":2,\"pad\":\"aa");

        using (var journal = Records.Open(_path, []))
        {
            Assert.That(journal.Recovery, Is.EqualTo(new JournalRecovery(2, 16)));
            Assert.That(new FileInfo(_path).Length, Is.EqualTo(whole), "the torn tail is cut off the file");
            journal.Append(Records.Line(2, 20));
        }
        Assert.That(Reopen(), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void A_bad_line_before_the_last_stops_the_open_naming_the_file_and_its_offset()
    {
        AppendRecords(0);
        var offset = new FileInfo(_path).Length;
        File.AppendAllText(_path, "{\"n\":oops}\n");
        File.AppendAllBytes(_path, Records.Line(1, 20));

        var e = Assert.Throws<JournalCorruptException>(() => Reopen())!;
        Assert.That(e.FilePath, Is.EqualTo(_path));
        Assert.That(e.Offset, Is.EqualTo(offset));
        Assert.That(e.Message, Does.Contain(_path).And.Contain("byte " + offset));
    }

    [Test]
    public void An_append_must_end_its_line()
    {
        using var journal = Records.Open(_path, []);
        Assert.Throws<ArgumentException>(() => journal.Append("{\"n\":0}"u8));
    }

    /// <summary>Appends record 0, then record 99, whose write fails halfway (the file refusing to be cut back, if told).</summary>
    private AppendOnlyJournal OpenAndFailTheSecondAppend(bool refuseTruncate)
    {
        FailingFile? file = null;
        var journal = AppendOnlyJournal.Open(_path, durable: false, openFile: p => file = new FailingFile(p));
        journal.Append(Records.Line(0, 20));
        file!.FailNextWrite();
        file.RefuseTruncate = refuseTruncate;
        Assert.Throws<IOException>(() => journal.Append(Records.Line(99, 20)));
        return journal;
    }

    [Test]
    public void A_refused_append_is_cut_back_so_the_journal_holds_only_the_records_before_and_after_it()
    {
        using (var journal = OpenAndFailTheSecondAppend(refuseTruncate: false))
        {
            Assert.That(journal.IsClosed, Is.False);
            journal.Append(Records.Line(1, 20));
        }
        Assert.That(Reopen(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void When_even_cutting_back_fails_the_journal_closes_and_the_torn_line_is_dropped_at_the_next_open()
    {
        using (var journal = OpenAndFailTheSecondAppend(refuseTruncate: true))
        {
            Assert.That(journal.IsClosed, Is.True);
            Assert.Throws<IOException>(() => journal.Append(Records.Line(1, 20)), "nothing may follow a torn line");
        }
        var numbers = new List<int>();
        using (var reopened = Records.Open(_path, numbers))
            Assert.That(reopened.Recovery.HadTornTail, Is.True);
        Assert.That(numbers, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Compaction_replaces_the_records_and_appends_go_on_after_the_snapshot()
    {
        AppendRecords(0, 1, 2, 3);
        using (var journal = Records.Open(_path, []))
        {
            journal.Compact(file => file.Write(Records.Line(3, 20)));
            journal.Append(Records.Line(4, 20));
        }
        Assert.That(Reopen(), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(File.Exists(_path + AtomicFile.TempSuffix), Is.False);
    }

    [Test]
    public void A_compaction_interrupted_before_the_rename_leaves_the_old_journal_and_its_leftover_is_removed()
    {
        AppendRecords(0, 1);
        // What a crash while the snapshot was being written leaves beside the journal.
        File.WriteAllText(_path + AtomicFile.TempSuffix, "{\"n\":1,\"pad\":\"a\"}\n{\"n\":");

        Assert.That(Reopen(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(File.Exists(_path + AtomicFile.TempSuffix), Is.False);
    }

    [Test]
    public void A_compaction_that_fails_while_writing_the_snapshot_leaves_the_journal_as_it_was_and_open()
    {
        AppendRecords(0, 1);
        using (var journal = Records.Open(_path, []))
        {
            Assert.Throws<IOException>(() => journal.Compact(file =>
            {
                file.Write(Records.Line(1, 20));
                throw new IOException("No space left on device");
            }));
            journal.Append(Records.Line(2, 20));
        }
        Assert.That(Reopen(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(File.Exists(_path + AtomicFile.TempSuffix), Is.False);
    }

    [Test]
    public void Truncate_empties_the_journal()
    {
        AppendRecords(0, 1);
        using (var journal = Records.Open(_path, [], durable: true))
        {
            journal.Truncate();
            journal.Append(Records.Line(2, 20));
            journal.Flush();
        }
        Assert.That(Reopen(), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Reading_a_closed_segment_hands_on_its_records_and_cuts_its_torn_tail()
    {
        AppendRecords(0, 1);
        File.AppendAllText(_path, "{\"n\":2", Encoding.UTF8);
        var numbers = new List<int>();
        var recovery = AppendOnlyJournal.Read(_path, line => numbers.Add(Records.Number(line)));
        Assert.That((numbers, recovery.Lines, recovery.HadTornTail), Is.EqualTo((new List<int> { 0, 1 }, 2, true)));
        Assert.That(File.ReadAllText(_path), Does.EndWith("}\n"));
    }
}
