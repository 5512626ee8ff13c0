namespace Occi.Core.BackendContracts;

/// <summary>
/// The per-backend half of cloudkeeper (issue 16): a backend that can hold AppDB appliance images registers this
/// beside its <see cref="ICloudBackend"/>. The server stages and verifies each image, then hands it here; the
/// backend makes it bootable under the os_tpl <c>OsTemplateScheme + term</c> (Local: a template record; Libvirt: a
/// volume of the image pool; OpenStack: a Glance image with cloudkeeper-os's <c>APPLIANCE_*</c> properties in the
/// project the VO maps to). The server owns the os_tpl mixin itself (its
/// title, AppDB attributes and visibility), so a backend does not offer registered images in
/// <see cref="ICloudBackend.DescribeAsync"/>. Every method is idempotent: a sync repeated after a crash converges.
/// </summary>
public interface IApplianceImages
{
    /// <summary>The os_tpl scheme a compute's mixin must carry for the backend to boot a registered image.</summary>
    string OsTemplateScheme { get; }

    /// <summary>
    /// The disk formats the backend takes as they are ("raw", "qcow2", "vmdk", "ova"); the server converts any
    /// other with qemu-img into the first of them before <see cref="RegisterAsync"/>.
    /// </summary>
    IReadOnlyList<string> Formats { get; }

    /// <summary>
    /// Why the backend cannot hold this appliance at all (OpenStack: its VO maps to no project), or null when it can.
    /// Asked before anything is staged, so a refusal registers nothing.
    /// </summary>
    string? CannotHold(ApplianceMetadata appliance);

    /// <summary>
    /// Makes <paramref name="image"/> the image computes created with its term boot from from now on. The file is
    /// the server's staged copy: the backend copies or moves what it keeps. An image it held under the same
    /// term before is let go once no compute uses it.
    /// </summary>
    Task RegisterAsync(ApplianceImage image, CancellationToken cancellationToken);

    /// <summary>
    /// UpdateApplianceMetadata: records the appliance's new metadata beside the image registered under its term, in
    /// place (the image stays the same). A backend that keeps no metadata does nothing.
    /// </summary>
    Task UpdateMetadataAsync(ApplianceMetadata appliance, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the images of <paramref name="term"/> no compute uses; returns false when one still is in use
    /// (it is kept, and the server asks again later). Removing what is gone succeeds.
    /// </summary>
    Task<bool> RemoveAsync(string term, CancellationToken cancellationToken);

    /// <summary>The terms that have images registered, so the server can remove those a crash left behind.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);
}
