namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// The Cinder part of the Occi:OpenStack section (storage ↔ volume, storagelink ↔ attachment). It shares the
/// section with <see cref="OpenStackOptions"/>: an operator configures one OpenStack, not one per service.
/// </summary>
public sealed class OpenStackVolumeOptions
{
    public const string Section = "Occi:OpenStack";

    /// <summary>
    /// The block storage API microversion sent to Cinder only (OpenStack-API-Version: volume X). 3.60 is the least
    /// that filters the volume list by updated_at, which the change follower asks for.
    /// </summary>
    public string CinderMicroversion { get; set; } = "3.60";

    /// <summary>
    /// Whether storage offers the backup action: Auto asks Cinder's service list for a running cinder-backup (an
    /// account that may not list services sees Off), On and Off decide without asking.
    /// </summary>
    public string VolumeBackups { get; set; } = "Auto";
}
