namespace Occi.Core.BackendContracts;

/// <summary>
/// What cloudkeeper says of an AppDB appliance, less its image (issue 16; the Appliance message of cloudkeeper-proto
/// eb76688, fields 1–16), with the os_tpl term the server publishes it under. A backend records what its cloud can
/// hold beside the image (OpenStack: Glance properties, as cloudkeeper-os sets them); the server keeps the rest (its
/// catalog's record is this and the image's description: not sealed for that).
/// </summary>
public record ApplianceMetadata(string Term, string Identifier)
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Mpuri { get; init; } = "";
    public string Group { get; init; } = "";

    /// <summary>Memory the appliance needs, MiB as AppDB gives it; 0: not said.</summary>
    public long Ram { get; init; }

    /// <summary>Cores the appliance needs; 0: not said.</summary>
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
}
