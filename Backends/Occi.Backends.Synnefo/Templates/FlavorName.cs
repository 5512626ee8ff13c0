using System.Globalization;

namespace Occi.Backends.Synnefo.Templates;

/// <summary>
/// A Synnefo flavor's name, C{cores}R{RAM MiB}D{disk GiB}{disk template} (C2R2048D20drbd: 2 cores, 2048 MiB,
/// 20 GiB on DRBD), the name Synnefo gives every flavor it makes and that ~okeanos users know them by. The parse is
/// total: anything else is no flavor name.
/// </summary>
internal readonly record struct FlavorName(int Cores, int RamMiB, int DiskGiB, string DiskTemplate)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"C{Cores}R{RamMiB}D{DiskGiB}{DiskTemplate}");

    public static bool TryParse(string? name, out FlavorName flavor)
    {
        flavor = default;
        if (name is null) return false;
        var rest = name.AsSpan();
        if (!Number(ref rest, 'C', out var cores) || !Number(ref rest, 'R', out var ram) || !Number(ref rest, 'D', out var disk)) return false;
        foreach (var c in rest)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        flavor = new FlavorName(cores, ram, disk, rest.ToString());
        return cores > 0 && ram > 0 && disk > 0;
    }

    /// <summary>The letter and the digits after it, taken off the front.</summary>
    private static bool Number(ref ReadOnlySpan<char> text, char letter, out int value)
    {
        value = 0;
        if (text.Length < 2 || char.ToUpperInvariant(text[0]) != letter) return false;
        var digits = 1;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == 1 || !int.TryParse(text[1..digits], NumberStyles.None, CultureInfo.InvariantCulture, out value)) return false;
        text = text[digits..];
        return true;
    }
}
