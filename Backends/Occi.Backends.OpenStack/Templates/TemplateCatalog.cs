using System.Globalization;
using System.Text.Json;
using Occi.Backends.OpenStack.Compute;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;
using OcciTemplates = Occi.Infrastructure.Mixins.Templates;

namespace Occi.Backends.OpenStack.Templates;

/// <summary>
/// GFD.184 §3.5 templates from the cloud, read again at every model refresh: one os_tpl mixin per active Glance image
/// the configured account's project sees (term = image id; its cloudkeeper/AppDB properties as
/// eu.egi.fedcloud.appliance.appdb.* attributes), one resource_tpl mixin per Nova flavor (term = flavor id; cores,
/// memory and disk as attribute defaults). Titles carry no comma: rOCCI-cli splits text/occi values on every one.
/// </summary>
internal sealed class TemplateCatalog(OpenStackOptions options, NovaClient nova, GlanceClient glance, ApplianceImageIds appliances)
{
    /// <summary>Where the AppDB attributes of an os_tpl go (the EGI FedCloud naming).</summary>
    public const string AppDbPrefix = "eu.egi.fedcloud.appliance.appdb.";

    /// <summary>The resource_tpl's root disk, GiB: Nova's flavor disk, for which GFD.184 has no attribute.</summary>
    public const string DiskAttribute = "org.openstack.flavor.disk";

    private volatile Known _known = Known.Empty;

    public async Task<IReadOnlyList<Mixin>> RefreshAsync(ICredential service, CancellationToken ct)
    {
        var flavors = await nova.ListFlavorsAsync(service, ct);
        var images = (await glance.ListImagesAsync(service, ct)).Where(IsOffered);
        var known = new Known(ByTerm(images, i => i.Id), ByTerm(flavors, f => f.Id));
        _known = known;
        return [.. known.Images.Select(p => OsTemplate(p.Key, p.Value)), .. known.Flavors.Select(p => ResourceTemplate(p.Key, p.Value))];
    }

    /// <summary>
    /// Active images; and this gateway's own saved images while Glance still receives them (queued, saving), so a
    /// save is an os_tpl from the next model refresh on, its title saying it is not ready yet.
    /// </summary>
    /// <remarks>
    /// Not the images this gateway registered for cloudkeeper: the server offers each of those appliances under its
    /// own os_tpl (uuid_&lt;AppDB id&gt;, seen by its VO's tenants), which outlives the image an update replaces.
    /// </remarks>
    private bool IsOffered(GlanceImage image) =>
        (image.Status == "active" || (image.Status is "queued" or "saving" && IsOwn(image))) && !(IsOwn(image) && IsAppliance(image));

    private bool IsOwn(GlanceImage image) =>
        image.Properties?.GetValueOrDefault(GatewayMetadata.GatewayKey) is { ValueKind: JsonValueKind.String } tag && tag.GetString() == options.GatewayTag;

    private static bool IsAppliance(GlanceImage image) => image.Properties?.ContainsKey(ApplianceTermProperty) == true;

    /// <summary>The property the gateway marks its appliance images with (Appliances/ApplianceProperties.Term).</summary>
    internal const string ApplianceTermProperty = "occi_os_tpl";

    /// <summary>
    /// The Glance image the compute's os_tpl names: an appliance's newest image, or the image of the term; a term the
    /// last refresh did not see is taken as the image id itself.
    /// </summary>
    public string? ImageIdOf(Entity entity) =>
        entity.Mixins.FirstOrDefault(m => m.Scheme == options.OsTemplateScheme) is { Term.Length: > 0 } id
            ? appliances.Find(id.Term) ?? (_known.Images.TryGetValue(id.Term, out var image) ? image.Id : id.Term)
            : null;

    /// <summary>
    /// The flavor of a new compute: its resource_tpl's, else the smallest one with at least the cores and memory it
    /// asks for (1 core and no memory floor when it asks nothing); a 400 when none fits.
    /// </summary>
    public async Task<NovaFlavor> FlavorForAsync(ICredential credential, Entity entity, CancellationToken ct)
    {
        var flavors = _known.Flavors;
        if (flavors.Count == 0)
            flavors = ByTerm(await nova.ListFlavorsAsync(credential, ct), f => f.Id);
        if (entity.Mixins.FirstOrDefault(m => m.Scheme == options.ResourceTemplateScheme) is { Term.Length: > 0 } tpl)
            return flavors.GetValueOrDefault(tpl.Term)
                ?? throw OcciException.BadRequest($"resource_tpl {tpl} names no flavor this cloud has (GET /-/ lists them)");
        var cores = entity.Attributes.TryGet(ComputeKind.Cores, out var c) && c.IsWholeNumber ? c.AsNumber : 1;
        var memoryMiB = entity.Attributes.TryGet(ComputeKind.Memory, out var m) && m.IsNumeric ? m.AsNumber * 1024 : 0;
        return flavors.Values.Where(f => f.Vcpus >= cores && f.Ram >= memoryMiB).OrderBy(f => f.Vcpus).ThenBy(f => f.Ram).ThenBy(f => f.Disk).FirstOrDefault()
            ?? throw OcciException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"no flavor of this cloud has {cores} cores and {memoryMiB / 1024} GiB of memory"));
    }

    /// <summary>GFD.184's architecture of an image, from Glance's architecture property, when it has one of the two.</summary>
    public string? ArchitectureOf(string? imageId)
    {
        if (imageId is null) return null;
        var image = _known.Images.GetValueOrDefault(TermOf(imageId));
        return image?.Architecture switch
        {
            "x86_64" or "amd64" => "x64",
            "i386" or "i686" or "x86" => "x86",
            _ => null,
        };
    }

    private Mixin OsTemplate(string term, GlanceImage image)
    {
        var attributes = new List<AttributeDefinition>();
        foreach (var (key, value) in image.Properties ?? [])
            if (AppDbNameOf(key) is { } name && value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                attributes.Add(new AttributeDefinition(name, AttributeType.String, mutable: false,
                    @default: value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
        var title = TitleOf(image.Name ?? image.Id) + (image.Status == "active" ? "" : $" ({image.Status})");
        return new Mixin(options.OsTemplateScheme, term, title, $"/mixin/os_tpl/{term}/",
            depends: [OcciTemplates.OsTpl], applies: [ComputeKind.Kind.Id], attributes: attributes);
    }

    private Mixin ResourceTemplate(string term, NovaFlavor flavor)
    {
        var memoryGiB = Math.Round(flavor.Ram / 1024.0, 3);
        var title = TitleOf(string.Create(CultureInfo.InvariantCulture,
            $"{flavor.Name ?? flavor.Id}: {flavor.Vcpus} {(flavor.Vcpus == 1 ? "core" : "cores")} {flavor.Ram} MiB memory {flavor.Disk} GiB disk"));
        return new Mixin(options.ResourceTemplateScheme, term, title, $"/mixin/resource_tpl/{term}/",
            depends: [OcciTemplates.ResourceTpl], applies: [ComputeKind.Kind.Id],
            attributes:
            [
                new AttributeDefinition(ComputeKind.Cores, AttributeType.Integer, mutable: false, @default: flavor.Vcpus),
                new AttributeDefinition(ComputeKind.Memory, AttributeType.Number, mutable: false, @default: memoryGiB),
                new AttributeDefinition(DiskAttribute, AttributeType.Integer, mutable: false, @default: flavor.Disk),
            ]);
    }

    /// <summary>
    /// CLOUDKEEPER_APPLIANCE_MPURI (cloudkeeper-one's naming) and APPLIANCE_MPURI (cloudkeeper-os's) alike →
    /// eu.egi.fedcloud.appliance.appdb.mpuri; null for other properties. The names EGI's OCCI servers fixed keep their
    /// underscores (<see cref="AppDbNames"/>); any other property's underscores become dots.
    /// </summary>
    internal static string? AppDbNameOf(string property)
    {
        var rest = property.StartsWith("CLOUDKEEPER_APPLIANCE_", StringComparison.OrdinalIgnoreCase) ? property["CLOUDKEEPER_APPLIANCE_".Length..]
            : property.StartsWith("APPLIANCE_", StringComparison.OrdinalIgnoreCase) ? property["APPLIANCE_".Length..]
            : null;
        if (string.IsNullOrEmpty(rest)) return null;
        var upper = rest.ToUpperInvariant();
        var name = AppDbPrefix + (AppDbNames.TryGetValue(upper, out var fixedName) ? fixedName : upper.ToLowerInvariant().Replace('_', '.'));
        return AttributeName.IsValid(name) ? name : null;
    }

    /// <summary>
    /// Issue 16's attribute names for the fields whose property names differ: cloudkeeper-os's APPLIANCE_ID and
    /// APPLIANCE_IMAGE_LIST_ID, and the fields with an underscore in their own name.
    /// </summary>
    private static readonly Dictionary<string, string> AppDbNames = new(StringComparer.Ordinal)
    {
        ["ID"] = "id",
        ["IDENTIFIER"] = "id",
        ["IMAGE_LIST_ID"] = "image_list.id",
        ["IMAGE_LIST_IDENTIFIER"] = "image_list.id",
        ["BASE_MPURI"] = "base_mpuri",
        ["OPERATING_SYSTEM"] = "operating_system",
        ["EXPIRATION_DATE"] = "expiration_date",
    };

    /// <summary>An OpenStack id as a category term (letters, digits, '-', '_', '.'; a letter or digit first); ids already so stay as they are.</summary>
    internal static string TermOf(string id)
    {
        if (id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return id;
        var term = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return term.Length > 0 && char.IsAsciiLetterOrDigit(term[0]) ? term : "t" + term;
    }

    /// <summary>Templates by term; of two ids that make the same term (ids with odd characters), the first is offered.</summary>
    private static Dictionary<string, T> ByTerm<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var byTerm = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
            if (id(item).Length > 0) byTerm.TryAdd(TermOf(id(item)), item);
        return byTerm;
    }

    internal static string TitleOf(string name) => name.Replace(',', ' ').ReplaceLineEndings(" ");

    private sealed record Known(IReadOnlyDictionary<string, GlanceImage> Images, IReadOnlyDictionary<string, NovaFlavor> Flavors)
    {
        public static readonly Known Empty = new(new Dictionary<string, GlanceImage>(), new Dictionary<string, NovaFlavor>());
    }
}
