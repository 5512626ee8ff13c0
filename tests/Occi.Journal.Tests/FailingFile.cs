namespace Occi.Journal.Tests;

/// <summary>
/// A journal file whose next write can be made to stop halfway — failing (a full disk) or halting the
/// process there (for a kill inside a write) — and whose truncation can be refused.
/// </summary>
internal sealed class FailingFile(string path) : FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0)
{
    private Action? _afterHalfOfNextWrite;

    public bool RefuseTruncate { get; set; }

    public void FailNextWrite() => _afterHalfOfNextWrite = () => throw new IOException("No space left on device");

    /// <summary>Half of the next write reaches the file, then <paramref name="halt"/> runs (it does not return).</summary>
    public void HaltInNextWrite(Action halt) => _afterHalfOfNextWrite = halt;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var fault = _afterHalfOfNextWrite;
        _afterHalfOfNextWrite = null;
        base.Write(fault is null ? buffer : buffer[..(buffer.Length / 2)]);
        fault?.Invoke();
    }

    public override void SetLength(long value)
    {
        if (RefuseTruncate) throw new IOException("Input/output error");
        base.SetLength(value);
    }
}
