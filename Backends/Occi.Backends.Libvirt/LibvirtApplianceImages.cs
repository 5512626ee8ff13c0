using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Translation;
using Occi.Backends.Libvirt.Xml;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Libvirt;

/// <summary>
/// Cloudkeeper's appliance images on a libvirt host (issue 16): each a volume of the image pool
/// (<see cref="ApplianceVolumes"/>), uploaded through a libvirt stream so a remote host works too. A compute boots a
/// copy-on-write clone whose backing file is the image volume, so an image is in use while a gateway boot volume
/// reads through to it; such an image stays until that compute is gone. The test driver keeps no bytes (it has no
/// uploads): there the volume stands for the image.
/// </summary>
internal sealed class LibvirtApplianceImages(LibvirtBackend backend) : IApplianceImages
{
    public string OsTemplateScheme => backend.Options.OsTemplateScheme;

    /// <summary>What a copy-on-write clone can read through to; anything else the server converts to qcow2.</summary>
    public IReadOnlyList<string> Formats { get; } = ["qcow2", "raw"];

    public Task RegisterAsync(ApplianceImage image, CancellationToken cancellationToken) =>
        backend.Run(c => Register(c, image), $"register appliance image {image.Term}", cancellationToken);

    /// <summary>Any appliance goes into the one image pool.</summary>
    public string? CannotHold(ApplianceMetadata appliance) => null;

    /// <summary>A volume carries no metadata: the server's catalog holds it all.</summary>
    public Task UpdateMetadataAsync(ApplianceMetadata appliance, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> RemoveAsync(string term, CancellationToken cancellationToken) =>
        backend.Run(c => Remove(c, term, keepNewest: false), $"remove appliance images of {term}", cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        backend.Run<IReadOnlyList<string>>(c =>
        {
            using var images = backend.Pools.OpenImages(c);
            return Names(images).Select(ApplianceVolumes.Parse).OfType<(string Term, int Sequence)>().Select(p => p.Term).Distinct().ToArray();
        }, "list appliance images", cancellationToken);

    private bool Register(LibvirtConnection connection, ApplianceImage image)
    {
        using var images = backend.Pools.OpenImages(connection);
        var held = Names(images).Select(ApplianceVolumes.Parse).Where(p => p?.Term == image.Term).Select(p => p!.Value.Sequence).ToArray();
        var name = ApplianceVolumes.Name(image.Term, held.Length == 0 ? 1 : held.Max() + 1);
        var size = (ulong)image.Size;
        using var volume = Pools.CreateVolume(images, name, size, VolumeXml.Blank(name, size, image.Format));
        try
        {
            using var file = new FileStream(image.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            volume.Upload(connection, file, size);
        }
        catch (LibvirtException e) when (e.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationUnsupported
            && connection.Uri.StartsWith("test:", StringComparison.Ordinal))
        {
            // The test driver simulates volumes without content: the volume alone stands for the image.
        }
        catch
        {
            volume.Delete(); // no half-written image: the server's sync reports the failure and nothing is registered
            throw;
        }
        images.Refresh(); // a directory pool reads the uploaded qcow2's own virtual size
        Remove(connection, image.Term, keepNewest: true);
        return true;
    }

    /// <summary>Deletes the term's image volumes no boot volume reads through to (all but the newest, with <paramref name="keepNewest"/>); true when none is left.</summary>
    private bool Remove(LibvirtConnection connection, string term, bool keepNewest)
    {
        using var images = backend.Pools.OpenImages(connection);
        var used = BackingFiles(connection);
        var current = keepNewest ? ApplianceVolumes.Current(Names(images), term) : null;
        var left = 0;
        foreach (var volume in images.ListVolumes())
        {
            using (volume)
            {
                var name = volume.Name;
                if (ApplianceVolumes.Parse(name)?.Term != term || name == current) continue;
                if (used.Contains(volume.Path)) left++;
                else volume.Delete();
            }
        }
        return left == 0;
    }

    /// <summary>The image files the gateway's boot volumes read through to.</summary>
    private HashSet<string> BackingFiles(LibvirtConnection connection)
    {
        using var storage = backend.Pools.OpenStorage(connection);
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in storage.ListVolumes())
        {
            using (volume)
                if (volume.Name.StartsWith(EntityNames.Prefix, StringComparison.Ordinal) && VolumeXml.BackingPath(volume.Xml) is { } backing)
                    files.Add(backing);
        }
        return files;
    }

    private static string[] Names(LibvirtStoragePool pool)
    {
        var volumes = pool.ListVolumes();
        try { return volumes.Select(v => v.Name).ToArray(); }
        finally { foreach (var v in volumes) v.Dispose(); }
    }
}
