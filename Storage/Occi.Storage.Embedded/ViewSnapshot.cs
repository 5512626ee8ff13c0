using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Occi.Core.Model;
using Occi.Journal;

namespace Occi.Storage.Embedded;

/// <summary>
/// The in-memory view written whole to <c>entities.snapshot</c> in the data folder, so an open reads it back
/// instead of parsing every document in SQLite (issue 13: 2,000,000 documents took 52 s). Written in the background
/// once the journal has grown by <see cref="EmbeddedStoreOptions.SnapshotJournalMiB"/> since the last one
/// (<see cref="BackgroundSnapshots"/>) and on a clean close, by <see cref="AtomicFile"/> (all old or all new after a
/// crash), and stamped with the SQLite file it belongs to and the journal segment it was cut at
/// (<see cref="EntityJournal.Cut"/>): it holds every write journaled before that segment, and the journal keeps every
/// segment from there on until a newer snapshot is in place (<see cref="EntityJournal.KeepFrom"/>). So an open,
/// after a clean close or a crash alike, reads it and replays the segments from its cut onto it; a missing, torn or
/// corrupt snapshot (its SHA-256 is checked), or one of another SQLite file, is set aside and the view is loaded
/// from SQLite, which holds every write of the segments already deleted.
/// <para>Binary, little-endian: "OCCIVIEW", format, the stamp, a table of the strings entities share (category
/// schemes and terms, owners) and of the category ids made of them, then each entity in location order: its
/// keys as length-prefixed UTF-8, its categories and owner as table positions, its attributes as the UTF-8 JSON
/// bytes the view keeps (<see cref="StoredEntity.AttributeBytes"/>), copied, not parsed; last the SHA-256 of
/// all before it.</para>
/// </summary>
internal static class ViewSnapshot
{
    public const string FileName = "entities.snapshot";

    private const int Format = 2; // 1 was stamped with a count of SQLite's transactions, and read only while it matched
    private static ReadOnlySpan<byte> Magic => "OCCIVIEW"u8;

    [Flags]
    private enum Fields : byte
    {
        BackendId = 1,
        Owner = 2,
        Link = 4,
        SourceKind = 8,
        TargetKind = 16,
    }

    /// <summary>
    /// Which view a snapshot holds: that of the SQLite file named <paramref name="File"/> (its random name in
    /// <c>entities_generation</c>) with every write journaled in the segments below <paramref name="JournalFrom"/>.
    /// </summary>
    public readonly record struct Stamp(string File, long JournalFrom);

    /// <summary>Replaces the snapshot with <paramref name="entities"/> (the view in location order, as of <paramref name="stamp"/>; stored entities never change).</summary>
    /// <param name="cancel">Stops a background snapshot when the store closes: the file in place stays as it was.</param>
    public static void Write(string path, IReadOnlyList<StoredEntity> entities, Stamp stamp, CancellationToken cancel = default) =>
        AtomicFile.Replace(path, file => Write(file, entities, stamp, cancel));

    internal static void Write(Stream file, IReadOnlyList<StoredEntity> entities, Stamp stamp, CancellationToken cancel = default)
    {
        var table = new Table();
        foreach (var e in entities) table.Note(e);

        using var hashed = new HashingStream(file);
        using (var w = new BinaryWriter(new BufferedStream(hashed, 1 << 20), Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Format);
            w.Write(stamp.File);
            w.Write(stamp.JournalFrom);
            w.Write(table.Strings.Count);
            foreach (var s in table.Strings) w.Write(s);
            w.Write(table.Categories.Count);
            foreach (var c in table.Categories)
            {
                w.Write7BitEncodedInt(table.StringAt[c.Scheme]);
                w.Write7BitEncodedInt(table.StringAt[c.Term]);
            }
            w.Write(entities.Count);
            for (var i = 0; i < entities.Count; i++)
            {
                if ((i & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                WriteEntity(w, entities[i], table);
            }
        }
        file.Write(hashed.Finish());
    }

    private static void WriteEntity(BinaryWriter w, StoredEntity e, Table table)
    {
        var fields = (e.BackendId is null ? 0 : Fields.BackendId) | (e.Owner is null ? 0 : Fields.Owner) | (e.LinkSource is null ? 0 : Fields.Link)
            | (e.SourceKind is null ? 0 : Fields.SourceKind) | (e.TargetKind is null ? 0 : Fields.TargetKind);
        w.Write((byte)fields);
        w.Write(e.Location);
        w.Write(e.Id);
        if (e.BackendId is { } backendId) w.Write(backendId);
        w.Write7BitEncodedInt64(e.Version);
        if (e.Owner is { } owner) w.Write7BitEncodedInt(table.StringAt[owner]);
        w.Write7BitEncodedInt(table.CategoryAt[e.KindId]);
        var mixins = e.MixinIds;
        w.Write7BitEncodedInt(mixins.Length);
        foreach (var m in mixins) w.Write7BitEncodedInt(table.CategoryAt[m]);
        if (e.LinkSource is { } source)
        {
            w.Write(source);
            w.Write(e.LinkTarget ?? "");
            if (e.SourceKind is { } s) w.Write7BitEncodedInt(table.CategoryAt[s]);
            if (e.TargetKind is { } t) w.Write7BitEncodedInt(table.CategoryAt[t]);
        }
        var attributes = e.AttributeBytes;
        w.Write7BitEncodedInt(attributes.Length);
        w.Write(attributes);
    }

    /// <summary>
    /// The view the snapshot at <paramref name="path"/> holds and the journal segment it was cut at, when it is one of
    /// the SQLite file named <paramref name="file"/>; null (and the file deleted, so it is not read again) when it is
    /// of another file, torn or corrupt, or when there is none.
    /// </summary>
    public static (EntityView View, long JournalFrom)? Load(string path, string file, ILogger log)
    {
        AtomicFile.RemoveLeftover(path); // a close cut short while writing it: the old snapshot, if any, is whole
        if (!File.Exists(path)) return null;
        string? setAside;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (Read(stream, file, out setAside) is { } read) return read;
            log.LogInformation("The view snapshot {File} is set aside ({Why}); the view is loaded from SQLite", path, setAside);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "The view snapshot {File} cannot be read; the view is loaded from SQLite", path);
        }
        TryDelete(path, log);
        return null;
    }

    /// <summary>The view in <paramref name="file"/> with its journal cut, or null with the reason it cannot be used.</summary>
    internal static (EntityView View, long JournalFrom)? Read(Stream file, string sqliteFile, out string? why)
    {
        var length = file.Length;
        if (length < Magic.Length + SHA256.HashSizeInBytes)
        {
            why = "too short";
            return null;
        }
        using var hashed = new HashingStream(file);
        // The checksum follows the body; a bounded stream stops the reader there.
        using var r = new BinaryReader(new BufferedStream(new BoundedStream(hashed, length - SHA256.HashSizeInBytes), 1 << 20), Encoding.UTF8);
        try
        {
            Span<byte> magic = stackalloc byte[8];
            r.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic) || r.ReadInt32() != Format)
            {
                why = "not a snapshot of this format";
                return null;
            }
            var taken = new Stamp(r.ReadString(), r.ReadInt64());
            if (taken.File != sqliteFile)
            {
                why = $"taken of SQLite file {taken.File}, this one is {sqliteFile}";
                return null;
            }
            var strings = new string[r.ReadInt32()];
            for (var i = 0; i < strings.Length; i++) strings[i] = SharedStrings.Get(r.ReadString());
            var categories = new SharedCategory[r.ReadInt32()];
            for (var i = 0; i < categories.Length; i++)
            {
                var id = new CategoryId(strings[r.Read7BitEncodedInt()], strings[r.Read7BitEncodedInt()]);
                categories[i] = new(id, SharedStrings.Get(id.Identity));
            }
            var count = r.ReadInt32();
            var view = new EntityView();
            var mixinSets = new MixinSets();
            for (var i = 0; i < count; i++) view.Add(ReadEntity(r, strings, categories, mixinSets));
            if (r.BaseStream.ReadByte() != -1)
            {
                why = "bytes after the last entity";
                return null;
            }
            Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
            var computed = hashed.Finish();
            file.ReadExactly(expected);
            if (!expected.SequenceEqual(computed))
            {
                why = "its checksum does not match its bytes";
                return null;
            }
            why = null;
            return (view, taken.JournalFrom);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            why = "torn or corrupt: " + e.Message;
            return null;
        }
    }

    private static StoredEntity ReadEntity(BinaryReader r, string[] strings, SharedCategory[] categories, MixinSets mixinSets)
    {
        var fields = (Fields)r.ReadByte();
        var location = r.ReadString();
        var id = r.ReadString();
        var backendId = fields.HasFlag(Fields.BackendId) ? r.ReadString() : null;
        var version = r.Read7BitEncodedInt64();
        var owner = fields.HasFlag(Fields.Owner) ? strings[r.Read7BitEncodedInt()] : null;
        var kind = categories[r.Read7BitEncodedInt()];
        var mixins = mixinSets.Read(r, categories);
        StoredEntity.LinkEnds? link = null;
        if (fields.HasFlag(Fields.Link))
        {
            var (source, target) = (r.ReadString(), r.ReadString());
            var sourceKind = fields.HasFlag(Fields.SourceKind) ? categories[r.Read7BitEncodedInt()].Id : (CategoryId?)null;
            var targetKind = fields.HasFlag(Fields.TargetKind) ? categories[r.Read7BitEncodedInt()].Id : (CategoryId?)null;
            link = new(source, target, sourceKind, targetKind);
        }
        var attributes = r.ReadBytes(r.Read7BitEncodedInt());
        return StoredEntity.FromParts(location, id, backendId, version, owner, kind, mixins, link, attributes);
    }

    private static void TryDelete(string path, ILogger log)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "The view snapshot {File} set aside cannot be deleted", path);
        }
    }

    /// <summary>The shared strings and category ids of a snapshot, each numbered by its first use.</summary>
    private sealed class Table
    {
        public readonly List<string> Strings = [];
        public readonly List<CategoryId> Categories = [];
        public readonly Dictionary<string, int> StringAt = new(StringComparer.Ordinal);
        public readonly Dictionary<CategoryId, int> CategoryAt = [];

        public void Note(StoredEntity e)
        {
            if (e.Owner is { } owner) NoteString(owner);
            NoteCategory(e.KindId);
            foreach (var m in e.MixinIds) NoteCategory(m);
            if (e.SourceKind is { } s) NoteCategory(s);
            if (e.TargetKind is { } t) NoteCategory(t);
        }

        private void NoteCategory(CategoryId id)
        {
            if (CategoryAt.ContainsKey(id)) return;
            NoteString(id.Scheme);
            NoteString(id.Term);
            CategoryAt[id] = Categories.Count;
            Categories.Add(id);
        }

        private void NoteString(string s)
        {
            if (StringAt.TryAdd(s, Strings.Count)) Strings.Add(s);
        }
    }

    /// <summary>Passes bytes through and hashes them on the way, in either direction.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public byte[] Finish() => _hash.GetHashAndReset();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of <paramref name="inner"/>, leaving the rest for the caller.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _left = limit;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_left == 0) return 0;
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing) { } // the caller's stream stays open for the checksum
    }

    /// <summary>A category id with its identity, both shared by every entity of the snapshot that names it.</summary>
    internal readonly record struct SharedCategory(CategoryId Id, string Identity);

    /// <summary>An entity's mixins as <see cref="StoredEntity"/> holds them: in order, and their distinct identities.</summary>
    internal sealed record MixinSet(CategoryId[] Ids, string[] Identities);

    /// <summary>
    /// The mixin sets read so far, one instance per list of category positions: a million computes made from a
    /// few templates hold a few sets, not two arrays each. Lists of more than <see cref="MaxShared"/> are not shared.
    /// </summary>
    private sealed class MixinSets
    {
        private const int MaxShared = 4;
        private static readonly MixinSet None = new([], []);
        private readonly Dictionary<long, MixinSet> _sets = [];

        public MixinSet Read(BinaryReader r, SharedCategory[] categories)
        {
            var count = r.Read7BitEncodedInt();
            if (count == 0) return None;
            Span<int> at = count <= MaxShared ? stackalloc int[MaxShared] : new int[count];
            at = at[..count];
            long key = count;
            foreach (ref var i in at)
            {
                i = r.Read7BitEncodedInt();
                if (key >= 0) key = i < 0x7FFF ? key << 15 | (uint)i : -1; // four positions and the count fit in 63 bits
            }
            if (count <= MaxShared && key >= 0 && _sets.TryGetValue(key, out var shared)) return shared;
            var ids = new CategoryId[count];
            var identities = new List<string>(count);
            for (var m = 0; m < count; m++)
            {
                var category = categories[at[m]];
                ids[m] = category.Id;
                if (!identities.Contains(category.Identity, StringComparer.Ordinal)) identities.Add(category.Identity);
            }
            var set = new MixinSet(ids, [.. identities]);
            if (count <= MaxShared && key >= 0) _sets[key] = set;
            return set;
        }
    }
}
