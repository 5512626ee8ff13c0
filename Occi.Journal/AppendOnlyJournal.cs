namespace Occi.Journal;

/// <summary>
/// One append-only file of records, one UTF-8 JSON line each (the caller encodes; this class only sees
/// lines). The rules that make it a journal:
/// <list type="bullet">
/// <item>Append: each call is one write to the OS of whole lines, so a line is either all there or cut
/// short at the end; with <c>durable</c> it is fsynced before the call returns (it survives a power cut),
/// otherwise only a killed process (the OS holds it) until <see cref="Flush"/>.</item>
/// <item>Torn tail: a crash can only cut the last line short, and the newline is its last byte, so bytes
/// after the last newline are a write that was never acknowledged: reading drops them and cuts them off
/// the file, so the next line does not glue onto them. A complete line the reader cannot read is not a
/// crash's doing: <see cref="JournalCorruptException"/>, naming the file and the offset.</item>
/// <item>A failed append is cut back off the file; if even that fails, the journal closes (<see cref="IsClosed"/>)
/// rather than write after a torn line.</item>
/// <item>Compaction writes the records that still matter to a temporary file and renames it over the
/// journal (<see cref="AtomicFile"/>): a crash before the rename leaves the old journal, after it the new.</item>
/// </list>
/// One writer: the caller serialises calls and holds a <see cref="FolderLock"/> so no other process writes.
/// </summary>
public sealed class AppendOnlyJournal : IDisposable
{
    private readonly bool _durable;
    private readonly Func<string, Stream> _openFile;
    private Stream? _stream;

    private AppendOnlyJournal(string path, bool durable, Func<string, Stream> openFile, Stream stream, JournalRecovery recovery)
    {
        FilePath = path;
        _durable = durable;
        _openFile = openFile;
        _stream = stream;
        Recovery = recovery;
    }

    public string FilePath { get; }

    /// <summary>What opening read: the lines and the torn tail it dropped.</summary>
    public JournalRecovery Recovery { get; }

    /// <summary>Bytes in the journal (where the next line goes).</summary>
    public long Length => _stream?.Position ?? 0;

    /// <summary>True once an append failed and could not be cut back: nothing more may follow the torn line.</summary>
    public bool IsClosed => _stream is null;

    /// <summary>
    /// Opens (creating) the journal at <paramref name="path"/>: a compaction's leftover temporary file is
    /// removed, every complete line goes to <paramref name="read"/>, a torn tail is cut off, and appends go
    /// after the last line. <paramref name="openFile"/> opens the file for writing (tests inject faults).
    /// </summary>
    public static AppendOnlyJournal Open(string path, bool durable, JournalRecordReader? read = null, Func<string, Stream>? openFile = null)
    {
        AtomicFile.RemoveLeftover(path);
        var recovery = Read(path, read);
        openFile ??= OpenForAppend;
        return new AppendOnlyJournal(path, durable, openFile, OpenAtEnd(openFile, path), recovery);
    }

    /// <summary>
    /// Reads a journal no one appends to (a closed segment): every complete line to <paramref name="read"/>,
    /// then cuts a torn tail off. A missing file reads as empty.
    /// </summary>
    public static JournalRecovery Read(string path, JournalRecordReader? read)
    {
        if (!File.Exists(path)) return default;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        var complete = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
        var lines = 0;
        var rest = bytes.AsSpan(0, complete);
        long offset = 0;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = rest[..end];
            if (!line.Trim(" \r\t"u8).IsEmpty)
            {
                lines++;
                if (read is not null)
                {
                    try
                    {
                        read(line);
                    }
                    catch (Exception e) when (e is not JournalCorruptException and not OutOfMemoryException)
                    {
                        throw new JournalCorruptException(path, offset, e.Message, e);
                    }
                }
            }
            offset += end + 1;
            rest = rest[(end + 1)..];
        }
        var torn = bytes.Length - complete;
        if (torn > 0)
        {
            file.SetLength(complete);
            file.Flush(flushToDisk: true); // the next append goes where the torn line was: it must not come back
        }
        return new JournalRecovery(lines, torn);
    }

    /// <summary>
    /// Appends whole lines (each ending in '\n') in one write; once this returns they survive a killed process
    /// (and a power cut when durable). Throws when the OS refuses; the file is then as it was before the call.
    /// </summary>
    public void Append(ReadOnlySpan<byte> lines)
    {
        if (lines.IsEmpty) return;
        if (lines[^1] != (byte)'\n') throw new ArgumentException("journal records end with a newline", nameof(lines));
        var stream = _stream ?? throw new IOException($"{FilePath} is closed: an earlier append failed and could not be cut back");
        var before = stream.Position;
        try
        {
            stream.Write(lines);
            Sync(stream, _durable);
        }
        catch
        {
            try
            {
                stream.SetLength(before);
                stream.Position = before;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
            {
                Close(); // the torn line stays the file's last, where reading drops it
            }
            throw;
        }
    }

    /// <summary>fsync: every line appended so far survives a power cut (what durable does per append).</summary>
    public void Flush()
    {
        if (_stream is { } stream) Sync(stream, toDisk: true);
    }

    /// <summary>Empties the journal (its records are in a snapshot elsewhere); fsynced when durable.</summary>
    public void Truncate()
    {
        var stream = _stream ?? throw new IOException($"{FilePath} is closed");
        stream.SetLength(0);
        stream.Position = 0;
        Sync(stream, _durable);
    }

    /// <summary>
    /// Replaces the journal with what <paramref name="writeSnapshot"/> writes (whole lines), by temporary
    /// file and rename; appends then go after it. On failure the journal stays as it was (and open, if it
    /// was). A journal closed by a torn append is open again after a compaction.
    /// </summary>
    public void Compact(Action<Stream> writeSnapshot)
    {
        var wasOpen = _stream is not null; // closed after a torn append: only a new file may reopen it
        Close(); // the rename replaces the file; this handle would keep writing to the old one
        try
        {
            AtomicFile.Replace(FilePath, writeSnapshot);
        }
        catch
        {
            if (wasOpen) Reopen();
            throw;
        }
        Reopen();
    }

    private void Reopen() => _stream = OpenAtEnd(_openFile, FilePath);

    private static Stream OpenAtEnd(Func<string, Stream> openFile, string path)
    {
        var stream = openFile(path);
        try
        {
            stream.Seek(0, SeekOrigin.End);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static void Sync(Stream stream, bool toDisk)
    {
        if (stream is FileStream file)
        {
            if (toDisk) file.Flush(flushToDisk: true); // unbuffered: without fsync the line is with the OS already
        }
        else stream.Flush();
    }

    // Unbuffered: each append is one write call, so an acknowledged line is with the OS, not in a buffer of ours.
    private static FileStream OpenForAppend(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }

    public void Dispose() => Close();
}
