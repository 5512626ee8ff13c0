using System.Text.Json;
using Occi.Journal;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// The appliances cloudkeeper registered, durable in <c>&lt;Occi:DataPath&gt;/cloudkeeper.journal</c> (one JSON line
/// per change, fsynced before the call answers the core). A change is journaled only after the backend holds the
/// image, so a crash mid-call leaves at most an image the catalog does not name, which the start's reconciliation
/// removes; the core's next sync then adds the appliance again and the catalog converges. One writer: callers
/// serialise changes (<see cref="ApplianceSync"/>); readers get immutable records.
/// </summary>
internal sealed class ApplianceCatalog : IDisposable
{
    public const string FileName = "cloudkeeper.journal";
    private const string LockName = "cloudkeeper.lock";

    private readonly Dictionary<string, ApplianceRecord> _byId = new(StringComparer.Ordinal);
    private readonly FolderLock _lock;
    private readonly AppendOnlyJournal _journal;
    private volatile ApplianceRecord[] _all = [];
    private int _linesSinceCompaction;

    public ApplianceCatalog(string folder)
    {
        _lock = FolderLock.Acquire(folder, LockName);
        try
        {
            _journal = AppendOnlyJournal.Open(Path.Combine(folder, FileName), durable: true, Apply);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
        _linesSinceCompaction = _journal.Recovery.Lines;
        _all = [.. _byId.Values];
    }

    /// <summary>Every appliance, deprecated ones included.</summary>
    public IReadOnlyList<ApplianceRecord> All => _all;

    public ApplianceRecord? Find(string identifier) => _byId.GetValueOrDefault(identifier);

    public void Put(ApplianceRecord record) => Write(new CatalogLine(record, null));

    public void Delete(string identifier)
    {
        if (_byId.ContainsKey(identifier)) Write(new CatalogLine(null, identifier));
    }

    private void Write(CatalogLine line)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, CatalogJson.Default.CatalogLine);
        _journal.Append([.. bytes, (byte)'\n']);
        Apply(line);
        _all = [.. _byId.Values];
        // The journal holds every change; rewriting it as one put per appliance keeps it near the catalog's size.
        if (++_linesSinceCompaction > 256 + 2 * _byId.Count) Compact();
    }

    private void Compact()
    {
        _journal.Compact(stream =>
        {
            foreach (var record in _byId.Values)
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(new CatalogLine(record, null), CatalogJson.Default.CatalogLine));
                stream.WriteByte((byte)'\n');
            }
        });
        _linesSinceCompaction = _byId.Count;
    }

    private void Apply(ReadOnlySpan<byte> line)
    {
        var record = JsonSerializer.Deserialize(line, CatalogJson.Default.CatalogLine)
            ?? throw new JsonException($"{FileName}: a line that is not a catalog record");
        Apply(record);
    }

    private void Apply(CatalogLine line)
    {
        if (line.Put is { } put) _byId[put.Identifier] = put;
        else if (line.Delete is { } gone) _byId.Remove(gone);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _lock.Dispose();
    }
}
