using System.Buffers;
using System.Text.Json;
using Occi.Core;
using Occi.Core.StoreContracts;
using Occi.Journal;

namespace Occi.Storage.Embedded;

/// <summary>
/// <see cref="IIntentStore"/> as an <see cref="AppendOnlyJournal"/>, <c>intents.journal</c> beside <c>occi.db</c>.
/// An intent is written before every backend create and delete, so it sits on the request path: one
/// appended line (a write to the OS, plus an fsync when DurableCommits is on) costs a fraction of a
/// SQLite commit. Each line is written whole before WriteAsync returns, so it survives a killed process;
/// a line cut short by a crash is dropped when the journal is read. Completions are appended too; the
/// journal is compacted to the open intents when it is opened, and emptied when every intent is closed. Calls wait
/// on an async gate, not a lock. The data folder's lock makes this process the only writer.
/// </summary>
internal sealed class JournalIntentStore : IIntentStore, IDisposable
{
    public const string FileName = "intents.journal";

    /// <summary>With nothing open and this many lines written since the last compaction, the journal starts afresh.</summary>
    private const int CompactAfterLines = 4096;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Intent> _open = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _lines = new(1024);
    private readonly Line _line = new(); // filled and written under the gate, for every line: one object, not one per line
    private readonly Utf8JsonWriter _writer;
    private readonly AppendOnlyJournal _journal;
    private int _linesSinceCompaction;

    public JournalIntentStore(EmbeddedDatabase database)
    {
        _writer = new Utf8JsonWriter(_lines);
        _journal = AppendOnlyJournal.Open(Path.Combine(database.Folder, FileName), database.DurableCommits, Replay);
        if (_journal.Recovery.Lines > _open.Count) Compact();
    }

    public async Task WriteAsync(Intent intent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_open.ContainsKey(intent.Id)) throw OcciException.Conflict($"intent {intent.Id} is already recorded");
            _lines.ResetWrittenCount();
            WriteLine(Fill(_line, intent));
            Append(1);
            _open.Add(intent.Id, intent);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken) =>
        await CloseAsync([intentId], cancellationToken).ConfigureAwait(false) == 1;

    public Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken cancellationToken) =>
        CloseAsync(intentIds, cancellationToken);

    public async Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _open.Values.OrderBy(i => i.CreatedAt.ToUnixTimeMilliseconds()).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> CloseAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var closing = ids.Where(_open.ContainsKey).Distinct(StringComparer.Ordinal).ToArray();
            if (closing.Length == 0) return 0;
            _lines.ResetWrittenCount();
            foreach (var id in closing) WriteLine(Fill(_line, id));
            Append(closing.Length);
            foreach (var id in closing) _open.Remove(id);
            // Nothing open and a journal of some length: start afresh rather than grow without bound. With
            // nothing open the snapshot is empty, so emptying the file is the compaction (no temp file, no rename).
            if (_open.Count == 0 && _linesSinceCompaction > CompactAfterLines)
            {
                _journal.Truncate();
                _linesSinceCompaction = 0;
            }
            return closing.Length;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WriteLine(Line line)
    {
        _writer.Reset(_lines);
        JsonSerializer.Serialize(_writer, line, JournalJson.Default.Line);
        _writer.Flush();
        _lines.Write("\n"u8);
    }

    private void Append(int lines)
    {
        try
        {
            _journal.Append(_lines.WrittenSpan);
        }
        catch (IOException) when (_journal.IsClosed)
        {
            // A torn line could not be cut back: a fresh file of the open intents lets later writes go on.
            try { Compact(); } catch (IOException) { }
            throw;
        }
        _linesSinceCompaction += lines;
    }

    private void Compact()
    {
        _journal.Compact(file =>
        {
            foreach (var intent in _open.Values)
            {
                JsonSerializer.Serialize(file, Encode(intent), JournalJson.Default.Line);
                file.WriteByte((byte)'\n');
            }
        });
        _linesSinceCompaction = 0;
    }

    private static Line Encode(Intent i) => Fill(new Line(), i);

    private static Line Fill(Line line, Intent i)
    {
        (line.Id, line.Operation, line.Location, line.BackendId, line.Owner) = (i.Id, i.Operation, i.Location, i.BackendId, i.Owner);
        (line.CreatedAt, line.Detail, line.Instance, line.Done) = (i.CreatedAt.ToUnixTimeMilliseconds(), i.Detail, i.Instance, null);
        return line;
    }

    /// <summary>The line that closes intent <paramref name="done"/>: every other field empty, so not written.</summary>
    private static Line Fill(Line line, string done)
    {
        (line.Id, line.Operation, line.Location, line.BackendId, line.Owner) = (null, null, null, null, null);
        (line.CreatedAt, line.Detail, line.Instance, line.Done) = (0, null, null, done);
        return line;
    }

    private void Replay(ReadOnlySpan<byte> text)
    {
        var line = JsonSerializer.Deserialize(text, JournalJson.Default.Line) ?? throw new FormatException("a journal line is null");
        if (line.Done is { } done) _open.Remove(done);
        else if (line is { Id: { } id, Operation: { } op, Location: { } location })
            _open[id] = new Intent(id, op, location, line.BackendId, line.Owner, DateTimeOffset.FromUnixTimeMilliseconds(line.CreatedAt), line.Detail, line.Instance);
        else throw new FormatException("an intent line has neither Done nor Id, Operation and Location");
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _journal.Dispose();
            _writer.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    internal sealed class Line
    {
        public string? Id { get; set; }
        public string? Operation { get; set; }
        public string? Location { get; set; }
        public string? BackendId { get; set; }
        public string? Owner { get; set; }
        public long CreatedAt { get; set; }
        public string? Detail { get; set; }
        public string? Instance { get; set; }
        public string? Done { get; set; }
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JournalIntentStore.Line))]
internal sealed partial class JournalJson : System.Text.Json.Serialization.JsonSerializerContext;
