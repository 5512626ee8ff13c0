using Occi.Backends.Libvirt.Client;
using Occi.Core;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// The storage pools the backend works in. Occi:Libvirt:StoragePool and ImagePool, when set, must exist on the
/// host. Left empty (the default) they are chosen from the host's pools, so a host works on its defaults: the
/// storage pool is the host's only active pool (or, among several, the one named "default", which libvirt's own
/// tools create); the image pool is a pool named "images" when there is one, else the storage pool. A choice
/// that cannot be made fails with a message naming the pools that exist: at start-up (the backend is described
/// then), in /health, and never first on a client's create. Made once per backend, on first use.
/// </summary>
internal sealed class PoolChoice(LibvirtOptions options)
{
    public const string ConventionalStoragePool = "default";
    public const string ConventionalImagePool = "images";

    private volatile Chosen? _chosen;

    /// <summary>The pool names in use.</summary>
    public sealed record Chosen(string Storage, string Images);

    public Chosen For(LibvirtConnection connection) => _chosen ??= Choose(connection, options);

    public LibvirtStoragePool OpenStorage(LibvirtConnection connection) => Pools.Open(connection, For(connection).Storage);

    public LibvirtStoragePool OpenImages(LibvirtConnection connection) => Pools.Open(connection, For(connection).Images);

    /// <summary>Chooses afresh (what /health checks), throwing <see cref="OcciException"/> when the configuration does not fit the host.</summary>
    public static Chosen Choose(LibvirtConnection connection, LibvirtOptions options)
    {
        var pools = Pools.List(connection);
        string storage;
        if (options.StoragePool is { Length: > 0 } configured)
            storage = Existing(configured, "StoragePool");
        else
        {
            var active = pools.Where(p => p.Active).Select(p => p.Name).ToList();
            storage = active.Count == 1 ? active[0]
                : active.Contains(ConventionalStoragePool) ? ConventionalStoragePool
                : throw Unfit(active.Count == 0
                    ? $"{connection.Uri} has no active storage pool for Occi:Libvirt:StoragePool to default to; start one (virsh pool-start) or set it"
                    : $"Occi:Libvirt:StoragePool is not set and {connection.Uri} has {active.Count} active storage pools, none named '{ConventionalStoragePool}': set it to one of them");
        }
        var images = options.ImagePool is { Length: > 0 } imagePool ? Existing(imagePool, "ImagePool")
            : pools.Any(p => p.Name == ConventionalImagePool) ? ConventionalImagePool
            : storage;
        return new Chosen(storage, images);

        string Existing(string name, string key) => pools.Any(p => p.Name == name)
            ? name
            : throw Unfit($"libvirt storage pool '{name}' (Occi:Libvirt:{key}) does not exist on {connection.Uri}");

        OcciException Unfit(string why) => new(OcciErrorKind.BackendFailure, $"{why}; {Pools.Describe(pools)}");
    }
}
