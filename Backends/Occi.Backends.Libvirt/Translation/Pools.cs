using Occi.Backends.Libvirt.Client;
using Occi.Core;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>Opens the configured storage pools, failing with a message an operator can act on.</summary>
internal static class Pools
{
    public static LibvirtStoragePool Open(LibvirtConnection connection, string name) =>
        connection.FindStoragePool(name)
        ?? throw new OcciException(OcciErrorKind.BackendFailure, $"libvirt storage pool '{name}' does not exist on {connection.Uri} (see Occi:Libvirt:StoragePool / ImagePool)");

    public static ulong GiB(double size) => (ulong)Math.Round(size * (1UL << 30));

    public static double ToGiB(ulong bytes) => Math.Round(bytes / (double)(1UL << 30), 3);
}
