namespace Occi.Journal;

/// <summary>Takes one complete journal line (without its newline) while a journal is read; throws when it cannot read it.</summary>
public delegate void JournalRecordReader(ReadOnlySpan<byte> line);

/// <summary>What reading a journal found: how many lines it handed on and how many bytes of a torn last line it dropped.</summary>
public readonly record struct JournalRecovery(int Lines, long TornTailBytes)
{
    public bool HadTornTail => TornTailBytes > 0;
}
