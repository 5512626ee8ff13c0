namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// A journal segment file that fails on demand the way a full disk does: the write gets half its bytes
/// onto the file, then throws. With <see cref="RefuseTruncate"/> the repair (cutting the file back) fails too.
/// </summary>
internal sealed class FaultyFile(string path) : Stream
{
    private readonly FileStream _file = new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);

    public bool FailWrites { get; set; }
    public bool RefuseTruncate { get; set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!FailWrites)
        {
            _file.Write(buffer);
            return;
        }
        _file.Write(buffer[..(buffer.Length / 2)]);
        throw new IOException("No space left on device");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void SetLength(long value)
    {
        if (RefuseTruncate) throw new IOException("Input/output error");
        _file.SetLength(value);
    }

    public override long Position { get => _file.Position; set => _file.Position = value; }
    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);
    public override long Length => _file.Length;
    public override bool CanRead => false;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override void Flush() => _file.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
