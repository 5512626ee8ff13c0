using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// Contextualization (GFD.224 §3.6 ssh_key/user_data, and the OpenStack-scheme mixins): a cloud-init
/// NoCloud seed attached to the domain as a CD-ROM.
/// </summary>
internal sealed class CloudInitContext
{
    /// <summary>The seed image for a compute, or null when it carries no contextualization.</summary>
    public byte[]? Build(Entity entity)
    {
        if (Contextualization.PublicKeyOf(entity) is null && Contextualization.UserDataOf(entity) is null) return null;
        throw OcciException.BadRequest("contextualization is not available on the libvirt backend yet");
    }

    public DiskSpec Upload(LibvirtConnection connection, LibvirtStoragePool pool, string name, byte[] image, List<OwnedVolume> owned) =>
        throw new NotSupportedException();
}
