namespace Occi.Journal.Tests;

/// <summary>A journal file whose next write fails halfway (a full disk), and whose truncation can be refused.</summary>
internal sealed class FailingFile(string path) : FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0)
{
    public bool FailNextWrite { get; set; }
    public bool RefuseTruncate { get; set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!FailNextWrite)
        {
            base.Write(buffer);
            return;
        }
        FailNextWrite = false;
        base.Write(buffer[..(buffer.Length / 2)]);
        throw new IOException("No space left on device");
    }

    public override void SetLength(long value)
    {
        if (RefuseTruncate) throw new IOException("Input/output error");
        base.SetLength(value);
    }
}
