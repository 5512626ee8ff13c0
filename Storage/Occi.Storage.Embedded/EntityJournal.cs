using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Occi.Storage.Embedded;

/// <summary>
/// The redo journal of entity writes: numbered segment files <c>entities.N.journal</c> in the data folder,
/// one JSON line per acknowledged write (an array of <see cref="EntityChange"/>s, all or none of which a
/// reader sees). A write is appended with one unbuffered write call (plus an fsync when commits are
/// durable) before it is acknowledged; SQLite receives it later, in batches (<see cref="JournalApplier"/>).
/// A segment is closed when it outgrows <see cref="EmbeddedStoreOptions.JournalSegmentBytes"/> and deleted once SQLite holds every
/// write in it. Opening reads what earlier runs left, for the database to replay into SQLite.
/// <para>Lines: <c>[{"put":{document},"version":3,"owner":"alice"},{"delete":"/compute/x"},{"deleteBelow":"/a/"}]</c>.
/// A line a crash cut short does not parse and is skipped: its write was never acknowledged.</para>
/// <para>Appends and rotation run under the database's write gate; segment deletion runs on the applier's
/// thread, so the set of closed segments has a lock of its own.</para>
/// </summary>
internal sealed class EntityJournal : IDisposable
{
    private const string Prefix = "entities.";
    private const string Suffix = ".journal";

    private readonly string _folder;
    private readonly bool _durable;
    private readonly long _segmentBytes;
    private readonly Func<string, Stream> _openSegment;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly object _closedLock = new();
    private readonly SortedSet<long> _closed;
    private Stream? _stream;
    private long _segment;

    private EntityJournal(string folder, bool durable, long segmentBytes, Func<string, Stream>? openSegment, SortedSet<long> existing)
    {
        _folder = folder;
        _durable = durable;
        _segmentBytes = segmentBytes;
        _openSegment = openSegment ?? OpenSegment;
        _closed = existing;
        _segment = existing.Count == 0 ? 1 : existing.Max + 1;
        _writer = new Utf8JsonWriter(_line, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>The segment the next write goes to.</summary>
    public long CurrentSegment => Volatile.Read(ref _segment);

    /// <summary>Lines of earlier runs that did not parse (writes a crash cut short), counted by <see cref="ReadExisting"/>.</summary>
    public int SkippedLines { get; private set; }

    /// <summary>Finds the segments earlier runs left; they are read by <see cref="ReadExisting"/> and kept until <see cref="DeleteClosedBefore"/>.</summary>
    public static EntityJournal Open(string folder, EmbeddedStoreOptions options)
    {
        var existing = new SortedSet<long>();
        foreach (var path in Directory.EnumerateFiles(folder, Prefix + "*" + Suffix))
        {
            var name = Path.GetFileName(path);
            var number = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
            if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) existing.Add(n);
        }
        return new EntityJournal(folder, options.DurableCommits, options.JournalSegmentBytes, options.OpenJournalSegment, existing);
    }

    private string PathOf(long segment) => Path.Combine(_folder, Prefix + segment.ToString(CultureInfo.InvariantCulture) + Suffix);

    /// <summary>Every write earlier runs left, oldest first, decoded.</summary>
    public List<EntityChange[]> ReadExisting()
    {
        var writes = new List<EntityChange[]>();
        long[] segments;
        lock (_closedLock) segments = [.. _closed];
        foreach (var segment in segments)
        {
            var bytes = File.ReadAllBytes(PathOf(segment));
            var rest = bytes.AsSpan();
            for (var lineNumber = 1; !rest.IsEmpty; lineNumber++)
            {
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (line.IsEmpty) continue;
                try
                {
                    writes.Add(Decode(line));
                }
                catch (JsonException)
                {
                    SkippedLines++; // cut short by a crash: never acknowledged
                }
                catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
                {
                    throw new InvalidOperationException($"line {lineNumber} of {PathOf(segment)} holds a write this gateway cannot read: {e.Message}", e);
                }
            }
        }
        return writes;
    }

    /// <summary>
    /// Appends one write and returns the segment it went to. Throws when the OS refuses; the segment is then
    /// cut back to where it was (or, if even that fails, closed), so no later line follows a torn one.
    /// </summary>
    public long Append(ReadOnlySpan<EntityChange> changes)
    {
        _line.ResetWrittenCount();
        _writer.Reset(_line);
        Encode(_writer, changes);
        _writer.Flush();
        _line.Write("\n"u8);

        if (_stream is not { } stream)
        {
            _stream = stream = _openSegment(PathOf(_segment));
            stream.Seek(0, SeekOrigin.End);
        }
        var before = stream.Position;
        try
        {
            stream.Write(_line.WrittenSpan);
            if (_durable && stream is FileStream file) file.Flush(flushToDisk: true);
        }
        catch
        {
            try
            {
                stream.SetLength(before);
                stream.Position = before;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                CloseCurrent(); // the torn line stays the last of its segment, where reading skips it
            }
            throw;
        }
        return _segment;
    }

    /// <summary>Closes the current segment when it is long enough; called after the write it holds is queued for SQLite.</summary>
    public void RotateIfLong()
    {
        if (_stream is { } stream && stream.Position >= _segmentBytes) CloseCurrent();
    }

    private void CloseCurrent()
    {
        _stream?.Dispose();
        _stream = null;
        lock (_closedLock) _closed.Add(_segment);
        Volatile.Write(ref _segment, _segment + 1);
    }

    private static FileStream OpenSegment(string path)
    {
        // Unbuffered: each append is one write call, so an acknowledged line is with the OS, not in our buffer.
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    /// <summary>Deletes the closed segments numbered below <paramref name="segment"/>: SQLite holds every write in them.</summary>
    public void DeleteClosedBefore(long segment)
    {
        lock (_closedLock)
        {
            while (_closed.Count > 0 && _closed.Min < segment)
            {
                var oldest = _closed.Min;
                File.Delete(PathOf(oldest));
                _closed.Remove(oldest);
            }
        }
    }

    /// <summary>Closes and deletes every segment: SQLite holds every write.</summary>
    public void DeleteAll()
    {
        if (_stream is not null) CloseCurrent();
        DeleteClosedBefore(long.MaxValue);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    // ---- the line format ----

    private static void Encode(Utf8JsonWriter w, ReadOnlySpan<EntityChange> changes)
    {
        w.WriteStartArray();
        foreach (var change in changes)
        {
            w.WriteStartObject();
            if (change.Put is { } entity)
            {
                w.WritePropertyName("put"u8);
                w.WriteRawValue(change.Document, skipInputValidation: true); // the codec's own compact JSON
                w.WriteNumber("version"u8, entity.Version);
                if (entity.Owner is { } owner) w.WriteString("owner"u8, owner);
            }
            else if (change.Delete is { } location) w.WriteString("delete"u8, location);
            else w.WriteString("deleteBelow"u8, change.DeleteBelow);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static EntityChange[] Decode(ReadOnlySpan<byte> line)
    {
        using var json = JsonDocument.Parse(line.ToArray());
        if (json.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException("a journal line is a JSON array");
        var changes = new EntityChange[json.RootElement.GetArrayLength()];
        var i = 0;
        foreach (var item in json.RootElement.EnumerateArray())
        {
            if (item.TryGetProperty("put", out var put))
            {
                var document = System.Text.Encoding.UTF8.GetBytes(put.GetRawText());
                var owner = item.TryGetProperty("owner", out var o) ? o.GetString() : null;
                changes[i++] = EntityChange.Store(StoredEntity.Decode(document, item.GetProperty("version").GetInt64(), owner), document);
            }
            else if (item.TryGetProperty("delete", out var delete)) changes[i++] = EntityChange.Remove(delete.GetString()!);
            else if (item.TryGetProperty("deleteBelow", out var below)) changes[i++] = EntityChange.RemoveBelow(below.GetString()!);
            else throw new FormatException("a journal change has none of put, delete and deleteBelow");
        }
        return changes;
    }
}
