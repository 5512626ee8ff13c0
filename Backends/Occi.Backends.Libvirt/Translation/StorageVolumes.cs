using System.Xml.Linq;
using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.States;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// storage ↔ volume in the configured pool (GFD.184 §3.3). libvirt volumes have no online/offline
/// state of their own: the OCCI state is the one the gateway last set, kept on the entity.
/// </summary>
internal sealed class StorageVolumes(LibvirtOptions options, PoolChoice pools) : IKindTranslation
{
    public CategoryId Kind => Storage.Kind.Id;

    public Entity Create(LibvirtConnection connection, Entity entity)
    {
        var size = SizeOf(entity);
        using var pool = pools.OpenStorage(connection);
        var name = EntityNames.StorageVolume(entity.Id);
        using var volume = pool.FindVolume(name) ?? Pools.CreateVolume(pool, name, Pools.GiB(size), VolumeXml.Blank(name, Pools.GiB(size), options.VolumeFormat));
        entity.BackendId = name;
        entity.Attributes[Storage.State] = "online";
        Read(volume, entity);
        return entity;
    }

    public bool Refresh(LibvirtConnection connection, Entity entity)
    {
        using var pool = pools.OpenStorage(connection);
        using var volume = pool.FindVolume(NameOf(entity));
        if (volume is null) return false;
        Read(volume, entity);
        return true;
    }

    public Entity Update(LibvirtConnection connection, Entity entity)
    {
        using var pool = pools.OpenStorage(connection);
        using var volume = pool.FindVolume(NameOf(entity)) ?? throw Gone(entity);
        Resize(volume, SizeOf(entity));
        Read(volume, entity);
        return entity;
    }

    public void Delete(LibvirtConnection connection, Entity entity)
    {
        using var pool = pools.OpenStorage(connection);
        using var volume = pool.FindVolume(NameOf(entity));
        if (volume is null) return;
        var path = volume.Path;
        foreach (var domain in connection.ListDomains())
            using (domain)
                if (DomainXml.Disks(XDocument.Parse(domain.InactiveXml)).Any(d => d.Source == path))
                    throw OcciException.Conflict($"storage {entity.Id} is attached to domain {domain.Name}; delete its storagelink first");
        volume.Delete();
    }

    public Entity Invoke(LibvirtConnection connection, Entity entity, ActionInvocation action)
    {
        using var pool = pools.OpenStorage(connection);
        using var volume = pool.FindVolume(NameOf(entity)) ?? throw Gone(entity);
        var state = StateOf(entity);
        var next = StateMachines.Next(Kind, state, action.Action)
            ?? throw OcciException.Conflict($"action {action.Action.Term} is not allowed while storage {entity.Id} is {state}");
        if (action.Action == Storage.Resize.Id)
        {
            if (!action.Attributes.TryGet("size", out var size) || !size.IsNumeric)
                throw OcciException.BadRequest("resize needs a numeric size (GiB)");
            Resize(volume, size.AsNumber);
        }
        else if (action.Action != Storage.Online.Id && action.Action != Storage.Offline.Id)
            throw OcciException.BadRequest($"action {action.Action} is not supported by the libvirt backend");
        entity.Attributes[Storage.State] = next;
        Read(volume, entity);
        return entity;
    }

    public IReadOnlyList<string> Inventory(LibvirtConnection connection)
    {
        using var pool = pools.OpenStorage(connection);
        var names = new List<string>();
        foreach (var volume in pool.ListVolumes())
            using (volume)
            {
                var name = volume.Name;
                if (name.StartsWith(EntityNames.Prefix, StringComparison.Ordinal) && name.EndsWith(EntityNames.StorageSuffix, StringComparison.Ordinal))
                    names.Add(name);
            }
        return names;
    }

    private static void Resize(LibvirtStorageVolume volume, double sizeGiB)
    {
        var (capacity, _) = volume.Info;
        var wanted = Pools.GiB(sizeGiB);
        if (wanted == capacity) return;
        if (wanted < capacity)
            throw OcciException.Conflict($"shrinking a volume from {Pools.ToGiB(capacity)} to {sizeGiB} GiB would lose data; only growing is supported");
        volume.Resize(wanted);
    }

    private static void Read(LibvirtStorageVolume volume, Entity entity)
    {
        var (capacity, _) = volume.Info;
        entity.BackendId = volume.Name;
        entity.Attributes[Storage.Size] = Pools.ToGiB(capacity);
        entity.Attributes[Storage.State] = StateOf(entity);
    }

    /// <summary>The state the gateway last set (volumes are online from creation on).</summary>
    internal static string StateOf(Entity entity) => entity.Attributes.GetString(Storage.State) is "offline" ? "offline" : "online";

    /// <summary>1 PiB: above any pool, and a byte count libvirt holds (a made-up 1e300 saturated and was reported as a full pool).</summary>
    internal const double MaxSizeGiB = 1 << 20;

    private static double SizeOf(Entity entity) =>
        entity.Attributes.TryGet(Storage.Size, out var size) && size.IsNumeric && size.AsNumber is > 0 and <= MaxSizeGiB
            ? size.AsNumber
            : throw OcciException.BadRequest($"{Storage.Size} must be a positive number of GiB, at most {MaxSizeGiB}");

    internal static string NameOf(Entity entity) => entity.BackendId ?? EntityNames.StorageVolume(entity.Id);

    private static OcciException Gone(Entity entity) => OcciException.NotFound($"storage {entity.Id}: its libvirt volume no longer exists");
}
