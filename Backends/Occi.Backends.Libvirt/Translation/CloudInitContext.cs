using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.CloudInit;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// Contextualization (GFD.224 §3.6 ssh_key/user_data, and the OpenStack-scheme mixins): a cloud-init
/// NoCloud seed ISO, uploaded into the storage pool and attached to the domain as a CD-ROM.
/// </summary>
internal sealed class CloudInitContext(TimeProvider clock)
{
    /// <summary>The seed image for a compute, or null when it carries no contextualization.</summary>
    public byte[]? Build(Entity entity)
    {
        var key = Contextualization.PublicKeyOf(entity);
        var userData = Contextualization.UserDataOf(entity);
        if (key is null && userData is null) return null;
        var hostname = entity.Attributes.GetString(Compute.Hostname) ?? EntityNames.Domain(entity.Id);
        return NoCloudSeed.Build(entity.Id, hostname, key, userData, clock.GetUtcNow());
    }

    /// <summary>Creates the seed volume (recorded as owned before anything can fail) and uploads the image.</summary>
    public DiskSpec Upload(LibvirtConnection connection, LibvirtStoragePool pool, string name, byte[] image, List<OwnedVolume> owned)
    {
        using (var stale = pool.FindVolume(name)) stale?.Delete();
        using var volume = Pools.CreateVolume(pool, name, (ulong)image.Length, VolumeXml.Raw(name, (ulong)image.Length));
        owned.Add(new OwnedVolume(pool.Name, name));
        try
        {
            volume.Upload(connection, image);
        }
        catch (LibvirtException e) when (e.Code is LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationUnsupported)
        {
            throw new OcciException(OcciErrorKind.BackendFailure,
                $"contextualization needs volume uploads, which the libvirt driver of {connection.Uri} does not support ({e.LibvirtMessage})", e);
        }
        catch (LibvirtException e) when (!e.IsConnectionLost && Pools.IsOutOfSpace(e))
        {
            throw Pools.Full(pool, name, (ulong)image.Length, e);
        }
        return new DiskSpec(volume.Path, "raw", "sda", IsCdrom: true);
    }
}
