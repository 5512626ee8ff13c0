using System.Buffers;
using System.Text.Json;
using Occi.Journal;

namespace Occi.Backends.Local.Persistence;

/// <summary>
/// Keeps the simulated cloud on disk in two files of the data folder:
/// <list type="bullet">
/// <item><c>local-backend.json</c>, a snapshot of every entity, only ever replaced whole
/// (<see cref="AtomicFile"/>), so it is always complete;</item>
/// <item><c>local-backend.journal</c>, an <see cref="AppendOnlyJournal"/> with one JSON line per change since that
/// snapshot (<c>{"seq":n,"put":{…}}</c> or <c>{"seq":n,"delete":"id"}</c>), appended and flushed before the
/// change is published, so a request that returned is on disk.</item>
/// </list>
/// Appending a line costs far less than rewriting the snapshot, which keeps a thousand creates well
/// under the server's budget. Start-up replays the journal over the snapshot, dropping a last line a crash
/// cut short, then compacts; the backend compacts again once the journal outgrows the snapshot.
/// Records carry a sequence number and the snapshot the last one it includes, so a crash between writing
/// the snapshot and emptying the journal replays nothing twice. <c>local-backend.lock</c> (a <see cref="FolderLock"/>)
/// keeps a second process off the folder. Not thread-safe: the backend's write lock guards it.
/// <para>A large cloud is compacted off the request path (<see cref="TryCompactInBackground"/>, issue 13: rewriting
/// 120,000 entities held every create for half a second): the journal so far is set aside as
/// <c>local-backend.journal.compacting</c>, a fresh one takes the next records at once, and a thread of its own writes
/// the snapshot, then deletes the set-aside journal. A start finding one replays it before the journal.</para>
/// </summary>
internal sealed class StateJournal : IDisposable
{
    public const string SnapshotFileName = "local-backend.json";
    public const string JournalFileName = "local-backend.journal";
    public const string LockFileName = "local-backend.lock";
    public const string SetAsideFileName = "local-backend.journal.compacting";
    private const int Format = 1;

    private readonly string _snapshotPath;
    private readonly string _journalPath;
    private readonly string _setAsidePath;
    private readonly bool _flushToDisk;
    private AppendOnlyJournal _journal;
    private Thread? _compacting;
    private readonly FolderLock _lock;
    private readonly ArrayBufferWriter<byte> _pending = new(4096);
    private readonly Utf8JsonWriter _writer;
    private long _seq;

    private StateJournal(string folder, FolderLock @lock, AppendOnlyJournal journal, long seq, bool flushToDisk)
    {
        _lock = @lock;
        _snapshotPath = Path.Combine(folder, SnapshotFileName);
        _journalPath = Path.Combine(folder, JournalFileName);
        _setAsidePath = Path.Combine(folder, SetAsideFileName);
        _flushToDisk = flushToDisk;
        _journal = journal;
        _seq = seq;
        _writer = new Utf8JsonWriter(_pending);
    }

    /// <summary>Records appended since the last compaction.</summary>
    public int RecordsSinceCompaction { get; private set; }

    /// <summary>Journal lines that could not be read at start-up (a write a crash cut short) and were dropped.</summary>
    public int SkippedLines { get; private set; }

    /// <summary>
    /// Opens the data folder (creating it), loads snapshot and journal into <paramref name="entities"/>,
    /// and compacts when the journal held anything. Holds local-backend.lock exclusively, so a second
    /// backend on the same folder fails here (IOException) instead of corrupting it.
    /// </summary>
    public static StateJournal Open(string folder, bool flushToDisk, Dictionary<string, SimulatedEntity> entities)
    {
        FolderLock @lock;
        try
        {
            @lock = FolderLock.Acquire(folder, LockFileName);
        }
        catch (FolderLockedException e)
        {
            throw new IOException($"the local backend's data folder {folder} is in use by another server ({LockFileName} is held)", e);
        }
        AppendOnlyJournal? journal = null;
        try
        {
            var snapshotPath = Path.Combine(folder, SnapshotFileName);
            AtomicFile.RemoveLeftover(snapshotPath);
            var snapshotSeq = ReadSnapshot(snapshotPath, entities);
            var seq = snapshotSeq;
            // A compaction the process did not finish: its journal holds the records before the current one's.
            var setAsidePath = Path.Combine(folder, SetAsideFileName);
            var setAside = File.Exists(setAsidePath) ? AppendOnlyJournal.Read(setAsidePath, line => seq = Replay(line, snapshotSeq, seq, entities)) : (JournalRecovery?)null;
            journal = AppendOnlyJournal.Open(Path.Combine(folder, JournalFileName), flushToDisk, line => seq = Replay(line, snapshotSeq, seq, entities));
            var state = new StateJournal(folder, @lock, journal, seq, flushToDisk)
            {
                SkippedLines = (journal.Recovery.HadTornTail ? 1 : 0) + (setAside?.HadTornTail == true ? 1 : 0),
            };
            if (journal.Recovery.Lines > 0 || setAside is not null) state.Compact(entities.Values);
            return state;
        }
        catch
        {
            journal?.Dispose();
            @lock.Dispose();
            throw;
        }
    }

    public void Put(SimulatedEntity e)
    {
        StartRecord();
        _writer.WritePropertyName("put");
        EntityJson.Write(_writer, e);
        EndRecord();
    }

    public void Delete(string id)
    {
        StartRecord();
        _writer.WriteString("delete", id);
        EndRecord();
    }

    /// <summary>Writes the records put or deleted since the last commit and flushes them to the OS (to the disk with FlushToDisk).</summary>
    public void Commit()
    {
        if (_pending.WrittenCount == 0) return;
        try
        {
            _journal.Append(_pending.WrittenSpan); // cut back on failure, so the next record is not glued to a broken line
        }
        finally
        {
            _pending.ResetWrittenCount();
        }
    }

    /// <summary>Drops records put or deleted since the last commit (the change they describe was refused).</summary>
    public void Discard() => _pending.ResetWrittenCount();

    /// <summary>Replaces the snapshot with <paramref name="all"/> and empties the journal (after a compaction still running).</summary>
    public void Compact(IEnumerable<SimulatedEntity> all)
    {
        _compacting?.Join();
        _compacting = null;
        WriteSnapshot(all, _seq);
        _journal.Truncate();
        if (File.Exists(_setAsidePath)) File.Delete(_setAsidePath); // an earlier background compaction that failed
        RecordsSinceCompaction = 0;
    }

    /// <summary>
    /// Sets the journal so far aside and starts writing the snapshot of <paramref name="all"/> — every entity as of
    /// the last record, immutable, so another thread may write them — on a thread of its own; returns at once. False
    /// while an earlier one still runs. One that failed left its set-aside journal: then this compacts here and now.
    /// </summary>
    public bool TryCompactInBackground(IReadOnlyCollection<SimulatedEntity> all)
    {
        if (_compacting is { IsAlive: true }) return false;
        _compacting = null;
        if (File.Exists(_setAsidePath))
        {
            Compact(all);
            return true;
        }
        var seq = _seq;
        _journal.Dispose();
        try
        {
            File.Move(_journalPath, _setAsidePath);
        }
        finally
        {
            _journal = AppendOnlyJournal.Open(_journalPath, _flushToDisk);
        }
        RecordsSinceCompaction = 0;
        _compacting = new Thread(() =>
        {
            try
            {
                WriteSnapshot(all, seq);
                File.Delete(_setAsidePath);
            }
            catch (IOException) { } // the set-aside journal stays and is replayed; the next compaction runs in the foreground
        })
        { IsBackground = true, Name = "local backend snapshot" };
        _compacting.Start();
        return true;
    }

    private void WriteSnapshot(IEnumerable<SimulatedEntity> all, long seq)
    {
        AtomicFile.Replace(_snapshotPath, file =>
        {
            using var w = new Utf8JsonWriter(file);
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteNumber("seq", seq);
            w.WriteStartArray("entities");
            foreach (var e in all)
            {
                EntityJson.Write(w, e);
                if (w.BytesPending > 64 * 1024) w.Flush(); // stream it out rather than hold the whole cloud in memory
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public void Dispose()
    {
        _compacting?.Join();
        _writer.Dispose();
        _journal.Dispose();
        _lock.Dispose();
    }

    private void StartRecord()
    {
        _writer.Reset(_pending);
        _writer.WriteStartObject();
        _writer.WriteNumber("seq", ++_seq);
    }

    private void EndRecord()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _pending.Write("\n"u8);
        RecordsSinceCompaction++;
    }

    private static long ReadSnapshot(string path, Dictionary<string, SimulatedEntity> entities)
    {
        if (!File.Exists(path)) return 0;
        var bytes = File.ReadAllBytes(path);
        try
        {
            var r = new Utf8JsonReader(bytes);
            long seq = 0;
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) throw new JsonException("the snapshot is not a JSON object");
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var name = r.GetString();
                r.Read();
                switch (name)
                {
                    case "format":
                        if (r.GetInt32() != Format) throw new JsonException($"format {r.GetInt32()} is not {Format}");
                        break;
                    case "seq": seq = r.GetInt64(); break;
                    case "entities":
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        {
                            var e = EntityJson.Read(ref r);
                            entities[e.Id] = e;
                        }
                        break;
                    default: r.Skip(); break;
                }
            }
            return seq;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            // The snapshot is only ever replaced whole, so a broken one was not written by us: stop rather than lose a cloud.
            throw new InvalidDataException($"{path} is not a local backend snapshot: {ex.Message}", ex);
        }
    }

    /// <summary>Applies one journal line over the snapshot; returns the highest sequence number seen.</summary>
    private static long Replay(ReadOnlySpan<byte> line, long snapshotSeq, long seq, Dictionary<string, SimulatedEntity> entities)
    {
        var (recordSeq, put, deleted) = ReadRecord(line);
        if (recordSeq <= snapshotSeq) return seq; // already in the snapshot
        if (put is not null) entities[put.Id] = put;
        else entities.Remove(deleted!);
        return Math.Max(seq, recordSeq);
    }

    private static (long Seq, SimulatedEntity? Put, string? Deleted) ReadRecord(ReadOnlySpan<byte> line)
    {
        long seq = -1;
        SimulatedEntity? put = null;
        string? deleted = null;
        var r = new Utf8JsonReader(line);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) throw new FormatException("a record is a JSON object");
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = r.GetString();
            r.Read();
            switch (name)
            {
                case "seq": seq = r.GetInt64(); break;
                case "put": put = EntityJson.Read(ref r); break;
                case "delete": deleted = r.GetString(); break;
                default: r.Skip(); break;
            }
        }
        if (r.TokenType != JsonTokenType.EndObject || r.CurrentDepth != 0 || seq < 0 || (put is null) == (deleted is null))
            throw new FormatException("a record has a seq and one of put and delete");
        return (seq, put, deleted);
    }
}
