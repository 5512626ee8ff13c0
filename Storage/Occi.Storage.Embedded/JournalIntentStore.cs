using System.Text;
using System.Text.Json;
using Occi.Core;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// <see cref="IIntentStore"/> as an append-only journal, <c>intents.journal</c> beside <c>occi.db</c>.
/// An intent is written before every backend create and delete, so it sits on the request path: one
/// appended line (a write to the OS, plus an fsync when DurableCommits is on) costs a fraction of a
/// SQLite commit. Each line is written whole and flushed before WriteAsync returns, so it survives a
/// killed process; a line cut short by a crash is skipped when the journal is read. Completions are
/// appended too; the journal is rewritten with only the open intents when it is opened and when every
/// intent is closed. The data folder's lock makes this process the only writer.
/// </summary>
public sealed class JournalIntentStore : IIntentStore, IDisposable
{
    public const string FileName = "intents.journal";

    private readonly object _gate = new();
    private readonly string _path;
    private readonly bool _durable;
    private readonly Dictionary<string, Intent> _open = new(StringComparer.Ordinal);
    private FileStream _journal;
    private int _linesSinceCompaction;

    public JournalIntentStore(EmbeddedDatabase database)
    {
        _path = Path.Combine(database.Folder, FileName);
        _durable = database.DurableCommits;
        if (File.Exists(_path)) Replay();
        _journal = Compact();
    }

    public Task WriteAsync(Intent intent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_open.ContainsKey(intent.Id)) throw OcciException.Conflict($"intent {intent.Id} is already recorded");
            Append(Encode(intent));
            _open.Add(intent.Id, intent);
        }
        return Task.CompletedTask;
    }

    public Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken) =>
        Task.FromResult(Close([intentId]) == 1);

    public Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken cancellationToken) =>
        Task.FromResult(Close(intentIds));

    public Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Intent>>(_open.Values
                .OrderBy(i => i.CreatedAt.ToUnixTimeMilliseconds()).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray());
    }

    private int Close(IReadOnlyList<string> ids)
    {
        lock (_gate)
        {
            var closing = ids.Where(_open.ContainsKey).Distinct(StringComparer.Ordinal).ToArray();
            if (closing.Length == 0) return 0;
            var lines = new StringBuilder();
            foreach (var id in closing) lines.Append(JsonSerializer.Serialize(new Line { Done = id }, JournalJson.Default.Line)).Append('\n');
            Append(lines.ToString());
            foreach (var id in closing) _open.Remove(id);
            // Nothing open and a journal of some length: start afresh rather than grow without bound.
            if (_open.Count == 0 && _linesSinceCompaction > 4096)
            {
                _journal.Dispose();
                _journal = Compact();
            }
            return closing.Length;
        }
    }

    private void Append(string lines)
    {
        var bytes = Encoding.UTF8.GetBytes(lines.EndsWith('\n') ? lines : lines + "\n");
        _journal.Write(bytes);
        _journal.Flush(_durable);
        _linesSinceCompaction++;
    }

    private static string Encode(Intent i) => JsonSerializer.Serialize(new Line
    {
        Id = i.Id, Operation = i.Operation, Location = i.Location, BackendId = i.BackendId, Owner = i.Owner,
        CreatedAt = i.CreatedAt.ToUnixTimeMilliseconds(), Detail = i.Detail,
    }, JournalJson.Default.Line);

    private void Replay()
    {
        foreach (var text in File.ReadLines(_path, Encoding.UTF8))
        {
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize(text, JournalJson.Default.Line);
            }
            catch (JsonException)
            {
                continue; // a line a crash cut short: its intent was never acknowledged
            }
            if (line is null) continue;
            if (line.Done is { } done) _open.Remove(done);
            else if (line is { Id: { } id, Operation: { } op, Location: { } location })
                _open[id] = new Intent(id, op, location, line.BackendId, line.Owner, DateTimeOffset.FromUnixTimeMilliseconds(line.CreatedAt), line.Detail);
        }
    }

    /// <summary>Writes the open intents to a new file, moves it over the journal, and opens it for appending.</summary>
    private FileStream Compact()
    {
        var temp = _path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var intent in _open.Values) file.Write(Encoding.UTF8.GetBytes(Encode(intent) + "\n"));
            file.Flush(flushToDisk: true); // the move must not publish a file whose bytes are not there yet
        }
        File.Move(temp, _path, overwrite: true);
        _linesSinceCompaction = 0;
        return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public void Dispose()
    {
        lock (_gate) _journal.Dispose();
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
        public string? Done { get; set; }
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JournalIntentStore.Line))]
internal sealed partial class JournalJson : System.Text.Json.Serialization.JsonSerializerContext;
