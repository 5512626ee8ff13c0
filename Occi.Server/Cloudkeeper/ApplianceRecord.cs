using System.Text.Json.Serialization;
using Occi.Core.BackendContracts;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// One appliance as the catalog keeps it: what the core sent (less the image's location and password, which are
/// the core's and a secret), the os_tpl term it is published under (fixed at its first registration, so clients
/// keep their mixin across updates) and whether it is deprecated: removed by the core while a compute still used
/// its image, kept until reconciliation can remove it.
/// </summary>
internal sealed record ApplianceRecord(string Term, string Identifier) : ApplianceMetadata(Term, Identifier)
{
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
