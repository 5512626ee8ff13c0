using System.Globalization;
using System.Text;
using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// GFD.184 §3.5 templates: one os_tpl mixin per volume of the image pool, one resource_tpl mixin per
/// configured flavour. A template's term is what a compute's mixin names; it leads back to the volume.
/// </summary>
internal sealed class LibvirtTemplates(LibvirtOptions options, PoolChoice pools)
{
    public IReadOnlyList<Mixin> ResourceTemplates { get; } = options.EffectiveFlavours
        .Select(f => Templates.ResourceTemplate(options.ResourceTemplateScheme, f.Term, f.Title ?? f.Term, f.Cores, f.MemoryGiB))
        .ToArray();

    /// <summary>The os_tpl mixins of the image pool's volumes; none when the pool is not started.</summary>
    public IReadOnlyList<Mixin> OsTemplates(LibvirtConnection connection)
    {
        using var pool = pools.OpenImages(connection);
        if (!pool.IsActive) return [];
        pool.Refresh();
        var mixins = new List<Mixin>();
        foreach (var volume in pool.ListVolumes())
        {
            using (volume)
            {
                var name = volume.Name;
                if (name.StartsWith(EntityNames.Prefix, StringComparison.Ordinal)) continue; // the gateway's own volumes
                var (capacity, _) = volume.Info;
                mixins.Add(Templates.OsTemplate(options.OsTemplateScheme, TermOf(name), TitleOf(name, capacity, VolumeXml.Format(volume.Xml))));
            }
        }
        return mixins;
    }

    /// <summary>
    /// "cirros.qcow2 (1 GiB qcow2)". No comma, not even one of the volume's name: rOCCI-cli splits text/occi
    /// header values on every comma, quoted or not, and one bad title would hide the whole query interface.
    /// </summary>
    internal static string TitleOf(string volumeName, ulong capacityBytes, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{volumeName.Replace(',', ' ')} ({Pools.Size(capacityBytes)} {format})");

    /// <summary>
    /// The image volume an os_tpl term names: an AppDB appliance's newest image (<see cref="ApplianceVolumes"/>), else
    /// the volume whose <see cref="TermOf"/> the term is.
    /// </summary>
    public LibvirtStorageVolume? FindImage(LibvirtStoragePool images, string term)
    {
        var volumes = images.ListVolumes();
        var names = volumes.Select(v => v.Name).ToArray();
        var appliance = ApplianceVolumes.Current(names, term);
        var index = appliance is not null ? Array.IndexOf(names, appliance) : Array.FindIndex(names, n => TermOf(n) == term);
        for (var i = 0; i < volumes.Count; i++)
            if (i != index) volumes[i].Dispose();
        return index >= 0 ? volumes[index] : null;
    }

    /// <summary>The term of the os_tpl mixin of ours the compute carries, if any.</summary>
    public string? OsImageOf(Entity entity) =>
        entity.Mixins.FirstOrDefault(m => m.Scheme == options.OsTemplateScheme) is { Term: { Length: > 0 } term } ? term : null;

    /// <summary>
    /// Bounds above any host, so that a number a client made up is a 400 here rather than an overflow inside
    /// libvirt: 9e18 cores saturated to int.MaxValue vCPUs that the driver then tried to set up (a backend
    /// timeout), 1e300 GiB of memory past libvirt's KiB counter (a backend error).
    /// </summary>
    internal const int MaxCores = 4096;

    /// <summary>1 PiB.</summary>
    internal const double MaxMemoryGiB = 1 << 20;

    /// <summary>Cores and memory (GiB): the compute's own attributes, else its flavour's, else the configured default.</summary>
    public (int Cores, double MemoryGiB) SizeOf(Entity entity)
    {
        var flavour = options.EffectiveFlavours.FirstOrDefault(f =>
            entity.Mixins.Contains(new CategoryId(options.ResourceTemplateScheme, f.Term)));
        var cores = entity.Attributes.TryGet(Compute.Cores, out var c) && c.IsWholeNumber ? c.AsNumber : flavour?.Cores ?? options.DefaultCores;
        var memory = entity.Attributes.TryGet(Compute.Memory, out var m) && m.IsNumeric ? m.AsNumber : flavour?.MemoryGiB ?? options.DefaultMemoryGiB;
        if (cores is < 1 or > MaxCores) throw Core.OcciException.BadRequest($"{Compute.Cores} must be between 1 and {MaxCores}, not {cores}");
        if (memory is <= 0 or > MaxMemoryGiB) throw Core.OcciException.BadRequest($"{Compute.Memory} must be positive and at most {MaxMemoryGiB} GiB, not {memory}");
        return ((int)cores, memory);
    }

    /// <summary>
    /// GFD.185 §3.1 term = LOALPHA *( LOALPHA / DIGIT / "-" / "_" ): a volume name lower-cased, its image
    /// extension dropped, other characters replaced by '_'.
    /// </summary>
    public static string TermOf(string volumeName)
    {
        var name = volumeName.ToLowerInvariant();
        foreach (var ext in (string[])[".qcow2", ".img", ".raw", ".iso"])
            if (name.EndsWith(ext, StringComparison.Ordinal) && name.Length > ext.Length) { name = name[..^ext.Length]; break; }
        var sb = new StringBuilder(name.Length + 4);
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0])) sb.Append("img_");
        foreach (var ch in name) sb.Append(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch is '-' or '_' ? ch : '_');
        return sb.ToString();
    }
}
