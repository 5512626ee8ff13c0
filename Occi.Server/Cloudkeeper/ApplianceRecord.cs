using System.Text.Json.Serialization;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// One appliance as the catalog keeps it: what the core sent (less the image's location and password, which are
/// the core's and a secret), the os_tpl term it is published under (fixed at its first registration, so clients
/// keep their mixin across updates) and whether it is deprecated: removed by the core while a compute still used
/// its image, kept until reconciliation can remove it.
/// </summary>
internal sealed record ApplianceRecord
{
    public required string Identifier { get; init; }
    public required string Term { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Mpuri { get; init; } = "";
    public string Group { get; init; } = "";
    public long Ram { get; init; }
    public int Core { get; init; }
    public string Version { get; init; } = "";
    public string Architecture { get; init; } = "";
    public string OperatingSystem { get; init; } = "";
    public string Vo { get; init; } = "";
    /// <summary>Unix seconds; 0: never expires.</summary>
    public long ExpirationDate { get; init; }
    public string ImageListIdentifier { get; init; } = "";
    public string BaseMpuri { get; init; } = "";
    public string Appid { get; init; } = "";
    public string Digest { get; init; } = "";
    public required ImageRecord Image { get; init; }
    public bool Deprecated { get; init; }
}

/// <summary>The registered image: what the core compares on its next sync (format, checksum, size, digest).</summary>
internal sealed record ImageRecord(int Mode, int Format, string Uri, string Checksum, long Size, string Digest);

/// <summary>A catalog journal line: an appliance put (whole) or an identifier deleted.</summary>
internal sealed record CatalogLine(ApplianceRecord? Put, string? Delete);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CatalogLine))]
internal sealed partial class CatalogJson : JsonSerializerContext;
