using System.Buffers.Binary;
using System.Text;

namespace Occi.Backends.Libvirt.CloudInit;

/// <summary>
/// A minimal ISO 9660 image (ECMA-119) with a Joliet supplementary descriptor: one root directory of
/// small files, enough for a cloud-init seed. The primary tree carries 8.3 upper-case names, the Joliet
/// tree the real ones (user-data, meta-data), which is the tree Linux reads when there is no Rock Ridge.
/// </summary>
internal static class IsoImage
{
    private const int Sector = 2048;

    // Fixed layout: 16 system sectors, PVD, Joliet SVD, terminator, four path tables, two root directories.
    private const int PrimaryDescriptorSector = 16, JolietDescriptorSector = 17, TerminatorSector = 18;
    private const int PrimaryLPath = 19, PrimaryMPath = 20, JolietLPath = 21, JolietMPath = 22;
    private const int PrimaryRoot = 23, JolietRoot = 24, FirstFileSector = 25;
    private const int PathTableSize = 10; // one record: the root

    public static byte[] Build(string volumeLabel, IReadOnlyList<(string Name, byte[] Content)> files, DateTimeOffset created)
    {
        var extents = new int[files.Count];
        var next = FirstFileSector;
        for (var i = 0; i < files.Count; i++)
        {
            extents[i] = next;
            next += Math.Max(1, (files[i].Content.Length + Sector - 1) / Sector);
        }
        var image = new byte[next * Sector];

        WriteDescriptor(image.AsSpan(PrimaryDescriptorSector * Sector, Sector), joliet: false, volumeLabel, next, created);
        WriteDescriptor(image.AsSpan(JolietDescriptorSector * Sector, Sector), joliet: true, volumeLabel, next, created);
        var terminator = image.AsSpan(TerminatorSector * Sector, Sector);
        terminator[0] = 255;
        Encoding.ASCII.GetBytes("CD001", terminator[1..]);
        terminator[6] = 1;

        WritePathTable(image.AsSpan(PrimaryLPath * Sector), PrimaryRoot, bigEndian: false);
        WritePathTable(image.AsSpan(PrimaryMPath * Sector), PrimaryRoot, bigEndian: true);
        WritePathTable(image.AsSpan(JolietLPath * Sector), JolietRoot, bigEndian: false);
        WritePathTable(image.AsSpan(JolietMPath * Sector), JolietRoot, bigEndian: true);

        WriteRoot(image.AsSpan(PrimaryRoot * Sector, Sector), PrimaryRoot, files, extents, joliet: false, created);
        WriteRoot(image.AsSpan(JolietRoot * Sector, Sector), JolietRoot, files, extents, joliet: true, created);

        for (var i = 0; i < files.Count; i++) files[i].Content.CopyTo(image, extents[i] * Sector);
        return image;
    }

    // ECMA-119 §8.4 (primary) and §8.5 (supplementary; Joliet puts UCS-2 escape sequences at 88).
    private static void WriteDescriptor(Span<byte> d, bool joliet, string label, int totalSectors, DateTimeOffset created)
    {
        d[0] = (byte)(joliet ? 2 : 1);
        Encoding.ASCII.GetBytes("CD001", d[1..]);
        d[6] = 1;
        Text(d.Slice(8, 32), "LINUX", joliet);
        Text(d.Slice(40, 32), label, joliet);
        BothEndian32(d[80..], totalSectors);
        if (joliet) Encoding.ASCII.GetBytes("%/E", d[88..]); // UCS-2 level 3
        BothEndian16(d[120..], 1); // volume set size
        BothEndian16(d[124..], 1); // volume sequence number
        BothEndian16(d[128..], Sector);
        BothEndian32(d[132..], PathTableSize);
        BinaryPrimitives.WriteInt32LittleEndian(d[140..], joliet ? JolietLPath : PrimaryLPath);
        BinaryPrimitives.WriteInt32BigEndian(d[148..], joliet ? JolietMPath : PrimaryMPath);
        DirectoryRecord(d.Slice(156, 34), joliet ? JolietRoot : PrimaryRoot, Sector, isDirectory: true, [0], created);
        Text(d.Slice(190, 128), "", joliet);   // volume set
        Text(d.Slice(318, 128), "", joliet);   // publisher
        Text(d.Slice(446, 128), "", joliet);   // data preparer
        Text(d.Slice(574, 128), "OCCIGATEWAY", joliet);
        Text(d.Slice(702, 37), "", joliet);
        Text(d.Slice(739, 37), "", joliet);
        Text(d.Slice(776, 37), "", joliet);
        LongDate(d.Slice(813, 17), created);
        LongDate(d.Slice(830, 17), created);
        LongDate(d.Slice(847, 17), null);
        LongDate(d.Slice(864, 17), created);
        d[881] = 1; // file structure version
    }

    // ECMA-119 §9.4: a path table holding only the root (identifier 0x00, parent 1).
    private static void WritePathTable(Span<byte> t, int rootSector, bool bigEndian)
    {
        t[0] = 1;
        if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(t[2..], rootSector);
        else BinaryPrimitives.WriteInt32LittleEndian(t[2..], rootSector);
        if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(t[6..], 1);
        else BinaryPrimitives.WriteInt16LittleEndian(t[6..], 1);
    }

    private static void WriteRoot(Span<byte> sector, int rootSector, IReadOnlyList<(string Name, byte[] Content)> files, int[] extents, bool joliet, DateTimeOffset created)
    {
        var at = DirectoryRecord(sector, rootSector, Sector, isDirectory: true, [0], created);          // "."
        at += DirectoryRecord(sector[at..], rootSector, Sector, isDirectory: true, [1], created);        // ".."
        // §9.3: records are sorted by identifier.
        var order = Enumerable.Range(0, files.Count).OrderBy(i => Identifier(files[i].Name, joliet), ByteOrder.Instance);
        foreach (var i in order)
            at += DirectoryRecord(sector[at..], extents[i], files[i].Content.Length, isDirectory: false, Identifier(files[i].Name, joliet), created);
        if (at > Sector) throw new InvalidOperationException("too many files for a one-sector root directory");
    }

    /// <summary>Joliet: the name in UCS-2 big-endian; primary: an upper-case 8.3 d-character name with version ";1".</summary>
    internal static byte[] Identifier(string name, bool joliet)
    {
        if (joliet) return Encoding.BigEndianUnicode.GetBytes(name);
        var dot = name.LastIndexOf('.');
        var stem = D(dot >= 0 ? name[..dot] : name, 8);
        var ext = dot >= 0 ? D(name[(dot + 1)..], 3) : "";
        return Encoding.ASCII.GetBytes($"{stem}.{ext};1");

        static string D(string s, int max) =>
            new(s.ToUpperInvariant().Where(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_').Take(max).ToArray());
    }

    // ECMA-119 §9.1: a directory record; returns its length (even).
    private static int DirectoryRecord(Span<byte> r, int extent, int length, bool isDirectory, byte[] identifier, DateTimeOffset created)
    {
        var size = 33 + identifier.Length + (identifier.Length % 2 == 0 ? 1 : 0);
        r[0] = (byte)size;
        BothEndian32(r[2..], extent);
        BothEndian32(r[10..], length);
        var utc = created.UtcDateTime;
        r[18] = (byte)(utc.Year - 1900);
        r[19] = (byte)utc.Month;
        r[20] = (byte)utc.Day;
        r[21] = (byte)utc.Hour;
        r[22] = (byte)utc.Minute;
        r[23] = (byte)utc.Second;
        r[24] = 0; // GMT offset
        r[25] = (byte)(isDirectory ? 2 : 0);
        BothEndian16(r[28..], 1);
        r[32] = (byte)identifier.Length;
        identifier.CopyTo(r[33..]);
        return size;
    }

    private static void Text(Span<byte> field, string value, bool joliet)
    {
        if (joliet)
        {
            for (var i = 0; i + 1 < field.Length; i += 2) { field[i] = 0; field[i + 1] = 0x20; }
            if (field.Length % 2 == 1) field[^1] = 0x20;
            Encoding.BigEndianUnicode.GetBytes(value.AsSpan(0, Math.Min(value.Length, field.Length / 2)), field);
        }
        else
        {
            field.Fill(0x20);
            Encoding.ASCII.GetBytes(value.AsSpan(0, Math.Min(value.Length, field.Length)), field);
        }
    }

    // ECMA-119 §8.4.26.1: "YYYYMMDDHHMMSScc" and a GMT offset byte; unset dates are all '0' and 0.
    private static void LongDate(Span<byte> field, DateTimeOffset? when)
    {
        var text = when is { } w ? w.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "00" : "0000000000000000";
        Encoding.ASCII.GetBytes(text, field);
        field[16] = 0;
    }

    private static void BothEndian16(Span<byte> at, int value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(at, (short)value);
        BinaryPrimitives.WriteInt16BigEndian(at[2..], (short)value);
    }

    private static void BothEndian32(Span<byte> at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(at, value);
        BinaryPrimitives.WriteInt32BigEndian(at[4..], value);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
