using System.Globalization;
using System.Text.Json;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Compute;
using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;
using OcciTemplates = Occi.Infrastructure.Mixins.Templates;
using OpenStackTemplates = Occi.Backends.OpenStack.Templates.TemplateCatalog;

namespace Occi.Backends.Synnefo.Templates;

/// <summary>
/// GFD.184 §3.5 templates from Synnefo, read again at every model refresh: one os_tpl mixin per available Plankton
/// image (term = image id; its OS properties as org.synnefo.image.* attributes), one resource_tpl mixin per Cyclades
/// flavor (term = the flavor's name, C2R2048D20drbd style; cores, memory, disk and disk template as attribute
/// defaults). A resource_tpl term the last refresh did not see is still understood when it is a flavor name.
/// </summary>
internal sealed class SynnefoTemplates(SynnefoOptions options, CycladesClient cyclades, PlanktonClient plankton)
{
    /// <summary>The resource_tpl's root disk, GiB, and its storage mechanism: Synnefo's flavor sizes GFD.184 has no attribute for.</summary>
    public const string DiskAttribute = "org.synnefo.flavor.disk";
    public const string DiskTemplateAttribute = "org.synnefo.flavor.disk_template";

    /// <summary>Where an os_tpl's Plankton properties go (os, osfamily, users…), lower-cased.</summary>
    public const string ImagePropertyPrefix = "org.synnefo.image.";

    private volatile Known _known = Known.Empty;

    public async Task<IReadOnlyList<Mixin>> RefreshAsync(ICredential service, CancellationToken ct)
    {
        var known = await ReadAsync(service, ct);
        _known = known;
        return [.. known.Images.Select(p => OsTemplate(p.Key, p.Value)), .. known.Flavors.Select(p => ResourceTemplate(p.Key, p.Value))];
    }

    /// <summary>The Plankton image the compute's os_tpl names; a term the last refresh did not see is taken as the image id itself.</summary>
    public string? ImageIdOf(Entity entity) =>
        TermOf(entity, options.OsTemplateScheme) is { } term ? _known.Images.GetValueOrDefault(term)?.Id ?? term : null;

    /// <summary>
    /// The flavor of a new compute: its resource_tpl's (by term, or by the sizes a flavor name spells), else the
    /// smallest one with at least the cores and memory it asks for; a 400 naming what was asked when none fits.
    /// </summary>
    public async Task<CycladesFlavor> FlavorForAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        // Before the first model refresh (or without an operator's token) the caller's own view of the flavors.
        var flavors = _known.Flavors.Count > 0 ? _known.Flavors : (await ReadAsync(credential, ct)).Flavors;
        if (TermOf(entity, options.ResourceTemplateScheme) is { } term)
            return flavors.GetValueOrDefault(term) ?? Spelt(flavors.Values, term)
                ?? throw OcciException.BadRequest($"resource_tpl {term} names no flavor this Synnefo cloud has (GET /-/ lists them)");
        var cores = entity.Attributes.TryGet(ComputeKind.Cores, out var c) && c.IsWholeNumber ? c.AsNumber : 1;
        var memoryMiB = entity.Attributes.TryGet(ComputeKind.Memory, out var m) && m.IsNumeric ? m.AsNumber * 1024 : 0;
        return Smallest(flavors.Values.Where(f => f.Vcpus >= cores && f.Ram >= memoryMiB))
            ?? throw OcciException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"no flavor of this Synnefo cloud has {cores} cores and {memoryMiB / 1024} GiB of memory"));
    }

    /// <summary>A flavor the last refresh saw, by its Cyclades id (a server names its flavor by id only).</summary>
    public CycladesFlavor? FlavorById(string? id) => id is null ? null : _known.Flavors.Values.FirstOrDefault(f => f.Id == id);

    private async Task<Known> ReadAsync(ICredential credential, CancellationToken ct)
    {
        var flavors = await cyclades.ListFlavorsAsync(credential, ct);
        var images = (await plankton.ListImagesAsync(credential, ct)).Where(IsAvailable);
        return new Known(ByTerm(images, i => i.Id ?? ""), ByTerm(flavors, f => f.Name is { Length: > 0 } n ? n : f.Id));
    }

    /// <summary>Plankton says "available" (image-api-guide); Glance's "active" is taken too, any case.</summary>
    private static bool IsAvailable(PlanktonImage image) =>
        image.Id is { Length: > 0 } && (string.Equals(image.Status, "available", StringComparison.OrdinalIgnoreCase) || string.Equals(image.Status, "active", StringComparison.OrdinalIgnoreCase));

    private static string? TermOf(Entity entity, string scheme) =>
        entity.Mixins.FirstOrDefault(m => m.Scheme == scheme) is { Term.Length: > 0 } tpl ? tpl.Term : null;

    /// <summary>The flavor whose sizes (and disk template, when named) a C…R…D… term spells: a site's flavor known by its sizes.</summary>
    private static CycladesFlavor? Spelt(IEnumerable<CycladesFlavor> flavors, string term) =>
        FlavorName.TryParse(term, out var name)
            ? flavors.FirstOrDefault(f => f.Vcpus == name.Cores && f.Ram == name.RamMiB && f.Disk == name.DiskGiB
                && (name.DiskTemplate.Length == 0 || string.Equals(f.DiskTemplate, name.DiskTemplate, StringComparison.OrdinalIgnoreCase)))
            : null;

    private static CycladesFlavor? Smallest(IEnumerable<CycladesFlavor> flavors) =>
        flavors.OrderBy(f => f.Vcpus).ThenBy(f => f.Ram).ThenBy(f => f.Disk).FirstOrDefault();

    private Mixin OsTemplate(string term, PlanktonImage image)
    {
        var attributes = new List<AttributeDefinition>();
        foreach (var (key, value) in image.Properties ?? [])
            if (value.ValueKind == JsonValueKind.String && ImagePropertyPrefix + key.ToLowerInvariant() is var name && AttributeName.IsValid(name))
                attributes.Add(new AttributeDefinition(name, AttributeType.String, mutable: false, @default: value.GetString()!));
        return new Mixin(options.OsTemplateScheme, term, OpenStackTemplates.TitleOf(image.Name ?? image.Id!), $"/mixin/os_tpl/{term}/",
            depends: [OcciTemplates.OsTpl], applies: [ComputeKind.Kind.Id], attributes: attributes);
    }

    private Mixin ResourceTemplate(string term, CycladesFlavor flavor)
    {
        var title = OpenStackTemplates.TitleOf(string.Create(CultureInfo.InvariantCulture,
            $"{flavor.Name ?? flavor.Id}: {flavor.Vcpus} {(flavor.Vcpus == 1 ? "core" : "cores")} {flavor.Ram} MiB memory {flavor.Disk} GiB disk {flavor.DiskTemplate}").TrimEnd());
        List<AttributeDefinition> attributes =
        [
            new(ComputeKind.Cores, AttributeType.Integer, mutable: false, @default: flavor.Vcpus),
            new(ComputeKind.Memory, AttributeType.Number, mutable: false, @default: Math.Round(flavor.Ram / 1024.0, 3)),
            new(DiskAttribute, AttributeType.Integer, mutable: false, @default: flavor.Disk),
        ];
        if (flavor.DiskTemplate is { Length: > 0 } template)
            attributes.Add(new AttributeDefinition(DiskTemplateAttribute, AttributeType.String, mutable: false, @default: template));
        return new Mixin(options.ResourceTemplateScheme, term, title, $"/mixin/resource_tpl/{term}/",
            depends: [OcciTemplates.ResourceTpl], applies: [ComputeKind.Kind.Id], attributes: attributes);
    }

    /// <summary>Templates by term (an id or name made a category term); of two that make the same term, the first is offered.</summary>
    private static Dictionary<string, T> ByTerm<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var byTerm = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
            if (key(item).Length > 0) byTerm.TryAdd(OpenStackTemplates.TermOf(key(item)), item);
        return byTerm;
    }

    private sealed record Known(IReadOnlyDictionary<string, PlanktonImage> Images, IReadOnlyDictionary<string, CycladesFlavor> Flavors)
    {
        public static readonly Known Empty = new(new Dictionary<string, PlanktonImage>(), new Dictionary<string, CycladesFlavor>());
    }
}
