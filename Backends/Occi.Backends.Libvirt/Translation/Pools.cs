using System.Globalization;
using Occi.Backends.Libvirt.Client;
using Occi.Core;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>Opens the configured storage pools and creates volumes in them, failing with a message an operator can act on.</summary>
internal static class Pools
{
    public static LibvirtStoragePool Open(LibvirtConnection connection, string name) =>
        connection.FindStoragePool(name)
        ?? throw new OcciException(OcciErrorKind.BackendFailure,
            $"libvirt storage pool '{name}' does not exist on {connection.Uri} (see Occi:Libvirt:StoragePool / ImagePool); {Describe(List(connection))}");

    /// <summary>The host's pools, each with whether it is started.</summary>
    public static IReadOnlyList<(string Name, bool Active)> List(LibvirtConnection connection)
    {
        var pools = connection.ListStoragePools();
        try
        {
            return pools.Select(p => (p.Name, p.IsActive)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        }
        finally
        {
            foreach (var p in pools) p.Dispose();
        }
    }

    /// <summary>"its storage pools: default (active), images (inactive)", for messages an operator acts on.</summary>
    public static string Describe(IReadOnlyList<(string Name, bool Active)> pools) =>
        pools.Count == 0 ? "it has no storage pools"
            : "its storage pools: " + string.Join(", ", pools.Select(p => $"{p.Name} ({(p.Active ? "active" : "inactive")})"));

    /// <summary>
    /// Creates the volume <paramref name="name"/> of <paramref name="bytes"/>; when libvirt refuses because the
    /// pool has no room, the error says so in OCCI terms: a conflict with the pool's state, which the client
    /// resolves by freeing space or asking for less, rather than a failure of the host.
    /// </summary>
    public static LibvirtStorageVolume CreateVolume(LibvirtStoragePool pool, string name, ulong bytes, string xml)
    {
        try
        {
            return pool.CreateVolume(xml);
        }
        // libvirt has no error code of its own for this (the test driver raises an internal error, a directory
        // pool ENOSPC as a system error): the pool's free space decides, and ENOSPC whatever libvirt last measured.
        catch (LibvirtException e) when (!e.IsConnectionLost && (IsOutOfSpace(e) || Lacks(pool, bytes)))
        {
            throw Full(pool, name, bytes, e);
        }
    }

    /// <summary>The host ran out of disk writing a volume (a sparse pool can accept one and fill up later).</summary>
    public static bool IsOutOfSpace(LibvirtException e) => e.LibvirtMessage.Contains("No space left on device", StringComparison.Ordinal);

    /// <summary>The conflict a client sees for a volume the pool has no room for; libvirt's error stays inside it.</summary>
    public static OcciException Full(LibvirtStoragePool pool, string name, ulong bytes, LibvirtException e)
    {
        string room;
        try
        {
            var (capacity, _, available) = pool.Info;
            room = $"the pool has {Size(available)} free of {Size(capacity)}";
        }
        catch (LibvirtException)
        {
            room = "the pool cannot say how much is free";
        }
        return new OcciException(OcciErrorKind.Conflict,
            $"libvirt storage pool '{pool.Name}' is full: volume '{name}' needs {Size(bytes)}, {room} (libvirt: {e.LibvirtMessage}); delete storage or ask for less", e);
    }

    private static bool Lacks(LibvirtStoragePool pool, ulong bytes)
    {
        try
        {
            return bytes > pool.Info.Available;
        }
        catch (LibvirtException)
        {
            return false; // the pool cannot say: keep libvirt's own error
        }
    }

    public static ulong GiB(double size) => (ulong)Math.Round(size * (1UL << 30));

    public static double ToGiB(ulong bytes) => Math.Round(bytes / (double)(1UL << 30), 3);

    /// <summary>A size for people: GiB from 1 GiB on, MiB below (a cloud-init seed is a few hundred KiB).</summary>
    public static string Size(ulong bytes) =>
        bytes >= 1UL << 30
            ? string.Create(CultureInfo.InvariantCulture, $"{ToGiB(bytes)} GiB")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(bytes / (double)(1UL << 20), 3)} MiB");
}
