namespace Occi.Backends.Synnefo.Storage;

/// <summary>
/// The block storage part of the Occi:Synnefo section (storage ↔ Cyclades volume, storagelink ↔ volume attachment).
/// It shares the section with <see cref="SynnefoOptions"/>: an operator configures one Synnefo.
/// </summary>
public sealed class SynnefoVolumeOptions
{
    public const string Section = "Occi:Synnefo";

    /// <summary>
    /// The volume type (its id, blockstorage-api-guide "List Volume Types") a new storage is made with; empty: the
    /// site's default. Cyclades makes a volume on its own, without a server, only of a detachable type ("server_id is
    /// required for non-detachable volumes"): name one here when the default is not.
    /// </summary>
    public string VolumeType { get; set; } = "";
}
