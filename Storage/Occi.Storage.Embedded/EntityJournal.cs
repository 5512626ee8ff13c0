using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Occi.Journal;

namespace Occi.Storage.Embedded;

/// <summary>
/// The redo journal of entity writes: numbered segment files <c>entities.N.journal</c> in the data folder,
/// each an <see cref="AppendOnlyJournal"/>, one JSON line per acknowledged write (an array of
/// <see cref="EntityChange"/>s, all or none of which a reader sees). A write is appended with one unbuffered
/// write call (plus an fsync when commits are durable) before it is acknowledged; SQLite receives it later,
/// in batches (<see cref="JournalApplier"/>). A segment is closed when it outgrows
/// <see cref="EmbeddedStoreOptions.JournalSegmentBytes"/> and deleted once SQLite holds every write in it and the
/// view's snapshot in place covers it (<see cref="KeepFrom"/>: an open after a crash reads the snapshot plus the
/// segments after it, <see cref="ViewSnapshot"/>). Opening reads what earlier runs left, for the database to replay
/// into SQLite and onto the snapshot.
/// <para>Lines: <c>[{"put":{document},"version":3,"owner":"alice"},{"delete":"/compute/x"},{"deleteBelow":"/a/"}]</c>.
/// A last line a crash cut short is dropped: its write was never acknowledged.</para>
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
    private readonly Func<string, Stream>? _openSegment;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly object _closedLock = new();
    private readonly SortedSet<long> _closed;
    private AppendOnlyJournal? _current;
    private long _segment;
    private long _keepFrom = long.MaxValue; // no snapshot in place: SQLite alone decides what may go
    private long _bytesSinceCut;
    private long _lines; // in the current segment

    private EntityJournal(string folder, bool durable, long segmentBytes, Func<string, Stream>? openSegment, SortedSet<long> existing)
    {
        _folder = folder;
        _durable = durable;
        _segmentBytes = segmentBytes;
        _openSegment = openSegment;
        _closed = existing;
        _segment = existing.Count == 0 ? 1 : existing.Max + 1;
        _writer = new Utf8JsonWriter(_line, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>The segment the next write goes to.</summary>
    public long CurrentSegment => Volatile.Read(ref _segment);

    /// <summary>Bytes appended since the last <see cref="Cut"/> (at open: what earlier runs left after the snapshot's cut).</summary>
    public long BytesSinceCut => Volatile.Read(ref _bytesSinceCut);

    /// <summary>Torn last lines of earlier runs' segments (writes a crash cut short), dropped by <see cref="ReadExisting"/>.</summary>
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

    /// <summary>
    /// Every write earlier runs left from <paramref name="from"/> on, oldest first, decoded, with its line. A line that
    /// does not decode stops the open (<see cref="JournalCorruptException"/>); lines before <paramref name="from"/> are
    /// not decoded. The lines are read in order and decoded on every core: after a crash they are what an open spends
    /// its time on (issue 13).
    /// </summary>
    /// <summary>How long the last <see cref="ReadExisting"/> took to read the lines, and to decode them (an open's log line).</summary>
    public (TimeSpan Read, TimeSpan Decode) LastRead { get; private set; }

    public List<(JournalLine Line, EntityChange[] Changes)> ReadExisting(JournalLine from)
    {
        var (read, decode) = (TimeSpan.Zero, TimeSpan.Zero);
        var writes = new List<(JournalLine, EntityChange[])>();
        // One segment's lines at a time: their bytes are garbage once decoded, so they die young instead of all being
        // held (and copied by every collection) until the last line is read — at a million entities after a crash,
        // hundreds of MB.
        var lines = new List<(JournalLine Line, long Offset, byte[] Bytes)>();
        long[] segments;
        lock (_closedLock) segments = [.. _closed];
        foreach (var segment in segments)
        {
            if (segment < from.Segment) continue;
            var reading = Stopwatch.GetTimestamp();
            var (path, index, offset) = (PathOf(segment), 0L, 0L);
            lines.Clear();
            if (AppendOnlyJournal.Read(path, line =>
                {
                    var at = new JournalLine(segment, index++);
                    if (!from.Holds(at)) lines.Add((at, offset, line.ToArray()));
                    offset += line.Length + 1;
                }).HadTornTail)
                SkippedLines++; // cut short by a crash: never acknowledged
            var decoding = Stopwatch.GetTimestamp();
            read += Stopwatch.GetElapsedTime(reading, decoding);
            DecodeAll(path, lines, writes);
            decode += Stopwatch.GetElapsedTime(decoding);
        }
        LastRead = (read, decode);
        return writes;
    }

    /// <summary>One segment's lines decoded on every core, added to <paramref name="writes"/> in order.</summary>
    private static void DecodeAll(string path, List<(JournalLine Line, long Offset, byte[] Bytes)> lines, List<(JournalLine, EntityChange[])> writes)
    {
        var decoded = new EntityChange[lines.Count][];
        try
        {
            Parallel.For(0, lines.Count, i => decoded[i] = Decode(lines[i].Bytes));
        }
        catch (AggregateException)
        {
            // The first line that does not decode, named as a reader in order would name it.
            for (var i = 0; i < lines.Count; i++)
            {
                try { Decode(lines[i].Bytes); }
                catch (Exception e) when (e is not OutOfMemoryException) { throw new JournalCorruptException(path, lines[i].Offset, e.Message, e); }
            }
            throw;
        }
        for (var i = 0; i < lines.Count; i++) writes.Add((lines[i].Line, decoded[i]));
    }

    /// <summary>New segments are numbered from <paramref name="segment"/> on at least (before the first write of this run).</summary>
    public void ContinueFrom(long segment)
    {
        if (_current is null && _segment < segment) Volatile.Write(ref _segment, segment);
    }

    /// <summary>
    /// At open, with the snapshot read covering the segments below <paramref name="segment"/>: they are kept from here
    /// on, new writes go to numbers from there on (a clean close deleted them all), and the bytes of those earlier runs
    /// left count towards the next snapshot.
    /// </summary>
    public void ContinueAfterSnapshot(long segment)
    {
        KeepFrom(segment);
        ContinueFrom(segment);
        long[] tail;
        lock (_closedLock) tail = [.. _closed.Where(s => s >= segment)];
        foreach (var kept in tail) _bytesSinceCut += new FileInfo(PathOf(kept)).Length;
    }

    /// <summary>
    /// The segments from <paramref name="segment"/> on are never deleted: a snapshot in place (or being written) needs
    /// them. <see cref="long.MaxValue"/>: no snapshot needs any.
    /// </summary>
    public void KeepFrom(long segment) => Volatile.Write(ref _keepFrom, segment);

    /// <summary>
    /// Under the write gate, when the view is taken for a snapshot: closes the current segment, so the snapshot
    /// covers exactly the segments below the returned number and every later write lands at or after it.
    /// </summary>
    public long Cut()
    {
        if (_current is not null) CloseCurrent();
        Volatile.Write(ref _bytesSinceCut, 0);
        return _segment;
    }

    /// <summary>
    /// Appends one write and returns the line it went to. Throws when the OS refuses; the segment is then
    /// cut back to where it was (or, if even that fails, closed), so no later line follows a torn one.
    /// </summary>
    public JournalLine Append(ReadOnlySpan<EntityChange> changes)
    {
        _line.ResetWrittenCount();
        _writer.Reset(_line);
        Encode(_writer, changes);
        _writer.Flush();
        _line.Write("\n"u8);

        var current = _current ??= AppendOnlyJournal.Open(PathOf(_segment), _durable, openFile: _openSegment);
        try
        {
            current.Append(_line.WrittenSpan);
            Volatile.Write(ref _bytesSinceCut, _bytesSinceCut + _line.WrittenCount);
        }
        catch when (current.IsClosed)
        {
            CloseCurrent(); // the torn line stays the last of its segment, where reading drops it
            throw;
        }
        return new JournalLine(_segment, _lines++);
    }

    /// <summary>Closes the current segment when it is long enough; called after the write it holds is queued for SQLite.</summary>
    public void RotateIfLong()
    {
        if (_current is { } current && current.Length >= _segmentBytes) CloseCurrent();
    }

    private void CloseCurrent()
    {
        _current?.Dispose();
        _current = null;
        lock (_closedLock) _closed.Add(_segment);
        Volatile.Write(ref _segment, _segment + 1);
        _lines = 0;
    }

    /// <summary>
    /// Deletes the closed segments numbered below <paramref name="segment"/> (SQLite holds every write in them) that
    /// no snapshot needs (<see cref="KeepFrom"/>).
    /// </summary>
    public void DeleteClosedBefore(long segment)
    {
        segment = Math.Min(segment, Volatile.Read(ref _keepFrom));
        // The files go outside the lock: a rotation on the request path must not wait for a delete.
        long[] doomed;
        lock (_closedLock) doomed = [.. _closed.TakeWhile(s => s < segment)];
        foreach (var oldest in doomed)
        {
            File.Delete(PathOf(oldest));
            lock (_closedLock) _closed.Remove(oldest);
        }
    }

    /// <summary>Closes and deletes every segment no snapshot needs: SQLite holds every write.</summary>
    public void DeleteAll()
    {
        if (_current is not null) CloseCurrent();
        DeleteClosedBefore(long.MaxValue);
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
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

    /// <summary>
    /// A line, read in one pass of the JSON reader: each change's entity document is found by where it starts and
    /// ends, copied once and decoded by <see cref="StoredEntity.Decode"/> (no document tree of the line is built
    /// first: after a crash an open decodes every write since the snapshot, issue 13).
    /// </summary>
    private static EntityChange[] Decode(byte[] line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw new FormatException("a journal line is a JSON array");
        var changes = new List<EntityChange>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new FormatException("a journal change is a JSON object");
            changes.Add(DecodeChange(ref reader, line));
        }
        if (reader.Read()) throw new FormatException("a journal line holds one JSON array only");
        return [.. changes];
    }

    /// <summary>One change object, the reader on its start; left on its end.</summary>
    private static EntityChange DecodeChange(ref Utf8JsonReader reader, byte[] line)
    {
        byte[]? document = null;
        long? version = null;
        string? owner = null, delete = null, deleteBelow = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("put"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw new FormatException("a journal put is a JSON object");
                var from = (int)reader.TokenStartIndex;
                reader.Skip();
                document = line.AsSpan(from, (int)reader.BytesConsumed - from).ToArray();
            }
            else if (reader.ValueTextEquals("version"u8)) version = reader.Read() ? reader.GetInt64() : null;
            else if (reader.ValueTextEquals("owner"u8)) owner = reader.Read() ? reader.GetString() : null;
            else if (reader.ValueTextEquals("delete"u8)) delete = reader.Read() ? reader.GetString() : null;
            else if (reader.ValueTextEquals("deleteBelow"u8)) deleteBelow = reader.Read() ? reader.GetString() : null;
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new FormatException("a journal change is a JSON object");
        if (document is not null)
            return EntityChange.Store(StoredEntity.Decode(document, version ?? throw new FormatException("a journal put has no version"), owner), document);
        if (delete is not null) return EntityChange.Remove(delete);
        if (deleteBelow is not null) return EntityChange.RemoveBelow(deleteBelow);
        throw new FormatException("a journal change has none of put, delete and deleteBelow");
    }
}

/// <summary>A write's place in the journal: its segment and its line there (0 first); as a bound, the first line not held.</summary>
internal readonly record struct JournalLine(long Segment, long Index)
{
    /// <summary>Whether a bound at this line holds the write at <paramref name="line"/> (it comes before).</summary>
    public bool Holds(JournalLine line) => line.Segment < Segment || (line.Segment == Segment && line.Index < Index);
}
