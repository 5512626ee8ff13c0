using System.Globalization;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// How cloudkeeper's appliance images are named in the image pool: <c>occi-appliance-&lt;term&gt;-NNNNNN</c>, one
/// volume per registered image of the term, the highest number the one new computes boot from. The gateway's
/// prefix keeps them out of the pool's plain os_tpl templates: the server publishes the appliance's own mixin.
/// </summary>
internal static class ApplianceVolumes
{
    public const string Prefix = EntityNames.Prefix + "appliance-";

    public static string Name(string term, int sequence) => $"{Prefix}{term}-{sequence.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>The term and number of an appliance volume's name; null for any other volume.</summary>
    public static (string Term, int Sequence)? Parse(string volumeName)
    {
        if (!volumeName.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var dash = volumeName.LastIndexOf('-');
        if (dash <= Prefix.Length || !int.TryParse(volumeName.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)) return null;
        return (volumeName[Prefix.Length..dash], sequence);
    }

    /// <summary>The newest image volume of <paramref name="term"/> among <paramref name="names"/>, or null.</summary>
    public static string? Current(IEnumerable<string> names, string term)
    {
        // Not MaxBy over tuples: on a pool without such a volume (every plain os_tpl) it throws instead of giving none.
        string? newest = null;
        var highest = -1;
        foreach (var name in names)
        {
            if (Parse(name) is not { } parsed || parsed.Term != term || parsed.Sequence <= highest) continue;
            (newest, highest) = (name, parsed.Sequence);
        }
        return newest;
    }
}
