using System.Xml.Linq;
using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.States;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// compute ↔ domain (GFD.184 §3.1). Create defines and (unless Occi:Libvirt:BootOnCreate is false) starts a domain sized by the resource_tpl (or the
/// compute's own cores/memory), booting from a copy-on-write clone of the os_tpl's image.
/// </summary>
internal sealed class ComputeDomains(LibvirtOptions options, LibvirtHost host, LibvirtTemplates templates, CloudInitContext context, PoolChoice pools)
    : IKindTranslation
{
    public CategoryId Kind => Compute.Kind.Id;

    public Entity Create(LibvirtConnection connection, Entity entity)
    {
        var (cores, memoryGiB) = templates.SizeOf(entity);
        var uuid = EntityNames.DomainUuid(entity.Id);
        var existing = connection.FindDomain(uuid);
        if (existing is not null)
        {
            using (existing)
                if (existing.Metadata(DomainXml.Namespace) is null)
                    throw OcciException.Conflict($"a domain with UUID {uuid} ({existing.Name}) exists on the host and is not the gateway's");
        }

        var owned = new List<OwnedVolume>();
        var disks = new List<DiskSpec>();
        using var pool = pools.OpenStorage(connection);
        try
        {
            if (templates.OsImageOf(entity) is { } osTerm)
                disks.Add(BootDisk(connection, pool, entity.Id, osTerm, owned));
            if (context.Build(entity) is { } iso)
                disks.Add(context.Upload(connection, pool, EntityNames.ContextVolume(entity.Id), iso, owned));

            var spec = new DomainSpec(EntityNames.Domain(entity.Id), uuid, host.DomainType(connection), entity.Id,
                Kind.Identity, entity.Title, cores, (long)Math.Round(memoryGiB * 1024), disks, owned, options.CpuMode);
            using var domain = connection.DefineDomain(DomainXml.Build(spec));
            // A real cloud boots what it is asked to create; Occi:Libvirt:BootOnCreate=false only defines it.
            if (options.BootOnCreate && !domain.IsActive) domain.Create();
            entity.BackendId = uuid.ToString("D");
            Read(domain, entity);
            return entity;
        }
        catch (Exception e) when (e is not LibvirtException { IsTransient: true })
        {
            // No orphans: what this create made goes away with it (a transient failure is retried and reuses them).
            // A failing clean-up must not hide why the create failed.
            try { Forget(connection, uuid, owned); }
            catch (LibvirtException) { }
            throw;
        }
    }

    private DiskSpec BootDisk(LibvirtConnection connection, LibvirtStoragePool pool, string id, string osTerm, List<OwnedVolume> owned)
    {
        using var images = pools.OpenImages(connection);
        using var image = templates.FindImage(images, osTerm)
            ?? throw OcciException.BadRequest($"os_tpl '{osTerm}' names no image in libvirt pool '{images.Name}'");
        var name = EntityNames.BootVolume(id);
        var boot = pool.FindVolume(name);
        if (boot is null)
        {
            var (capacity, _) = image.Info;
            boot = Pools.CreateVolume(pool, name, capacity, VolumeXml.CopyOnWrite(name, capacity, image.Path, VolumeXml.Format(image.Xml)));
        }
        using (boot)
        {
            owned.Add(new OwnedVolume(pool.Name, name));
            return new DiskSpec(boot.Path, "qcow2", "vda");
        }
    }

    public bool Refresh(LibvirtConnection connection, Entity entity)
    {
        using var domain = Find(connection, entity);
        if (domain is null) return false;
        Read(domain, entity);
        return true;
    }

    public Entity Update(LibvirtConnection connection, Entity entity)
    {
        using var domain = Find(connection, entity) ?? throw Gone(entity);
        var (cores, memoryGiB) = templates.SizeOf(entity);
        // The new size is written to the persistent definition: the guest sees it at its next boot.
        using var redefined = connection.DefineDomain(DomainXml.Resized(domain.InactiveXml, cores, (long)Math.Round(memoryGiB * 1024), entity.Title));
        Read(redefined, entity);
        return entity;
    }

    public void Delete(LibvirtConnection connection, Entity entity)
    {
        var uuid = UuidOf(entity);
        using var domain = connection.FindDomain(uuid);
        if (domain is null) return;
        var metadata = domain.Metadata(DomainXml.Namespace)
            ?? throw OcciException.Conflict($"domain {domain.Name} is not the gateway's; it was left alone");
        Forget(connection, uuid, DomainXml.OwnedVolumes(metadata));
    }

    /// <summary>Destroys and undefines the domain, then deletes the volumes made for it.</summary>
    private static void Forget(LibvirtConnection connection, Guid uuid, IReadOnlyList<OwnedVolume> volumes)
    {
        using (var domain = connection.FindDomain(uuid))
        {
            if (domain is not null)
            {
                if (domain.IsActive) domain.Destroy();
                domain.Undefine();
            }
        }
        foreach (var group in volumes.GroupBy(v => v.Pool))
        {
            using var pool = connection.FindStoragePool(group.Key);
            if (pool is null) continue;
            foreach (var v in group)
            {
                using var volume = pool.FindVolume(v.Name);
                volume?.Delete();
            }
        }
    }

    public Entity Invoke(LibvirtConnection connection, Entity entity, ActionInvocation action)
    {
        using var domain = Find(connection, entity) ?? throw Gone(entity);
        var state = StateOf(domain, out _);
        if (StateMachines.Next(Kind, state, action.Action) is null)
            throw OcciException.Conflict($"action {action.Action.Term} is not allowed while compute {entity.Id} is {state}");
        var method = action.Attributes.GetString("method");
        var (live, _) = domain.State;

        if (action.Action == Compute.Start.Id)
        {
            if (live is DomainState.Paused) domain.Resume();
            else
            {
                if (live is DomainState.Crashed) domain.Destroy();
                domain.Create(); // restores a managed-save image when there is one
            }
        }
        else if (action.Action == Compute.Stop.Id)
        {
            if (live is DomainState.Shutoff) domain.RemoveManagedSave();
            else if (method == "poweroff" || live is DomainState.Paused or DomainState.Crashed or DomainState.PmSuspended) domain.Destroy();
            else domain.Shutdown(); // graceful / acpioff: ACPI power button, the guest decides when
        }
        else if (action.Action == Compute.Restart.Id)
        {
            if (method == "cold") { domain.Destroy(); domain.Create(); }
            else domain.Reboot();
        }
        else if (action.Action == Compute.Suspend.Id)
        {
            if (method == "hibernate") domain.ManagedSave();
            else domain.Suspend();
        }
        else throw OcciException.BadRequest($"action {action.Action} is not supported by the libvirt backend");

        Read(domain, entity);
        return entity;
    }

    public IReadOnlyList<string> Inventory(LibvirtConnection connection)
    {
        var ids = new List<string>();
        foreach (var domain in connection.ListDomains())
            using (domain)
                if (domain.Metadata(DomainXml.Namespace) is not null) ids.Add(domain.Uuid.ToString("D"));
        return ids;
    }

    /// <summary>Fills the live attributes from the domain.</summary>
    private static void Read(LibvirtDomain domain, Entity entity)
    {
        var xml = XDocument.Parse(domain.Xml);
        entity.BackendId = domain.Uuid.ToString("D");
        entity.Attributes[Compute.State] = StateOf(domain, out var message);
        entity.Attributes[Compute.StateMessage] = message;
        entity.Attributes[Compute.Cores] = DomainXml.Cores(xml);
        entity.Attributes[Compute.Memory] = Math.Round(DomainXml.MemoryMiB(xml) / 1024, 3);
        entity.Attributes[Compute.Architecture] = "x64";
        if (!entity.Attributes.Contains(Compute.Hostname)) entity.Attributes[Compute.Hostname] = domain.Name;
    }

    /// <summary>GFD.184 §3.1 states from virDomainState; a shut-off domain with a managed-save image is suspended (hibernated).</summary>
    internal static string StateOf(LibvirtDomain domain, out string message)
    {
        var (state, reason) = domain.State;
        message = $"libvirt domain state {state.ToString().ToLowerInvariant()} (reason {reason})";
        return state switch
        {
            DomainState.Running or DomainState.Blocked or DomainState.Shutdown => "active",
            DomainState.Paused or DomainState.PmSuspended => "suspended",
            DomainState.Shutoff => domain.HasManagedSaveImage ? "suspended" : "inactive",
            _ => "error",
        };
    }

    internal static Guid UuidOf(Entity entity) =>
        Guid.TryParse(entity.BackendId, out var uuid) ? uuid : EntityNames.DomainUuid(entity.Id);

    private static LibvirtDomain? Find(LibvirtConnection connection, Entity entity) => connection.FindDomain(UuidOf(entity));

    private static OcciException Gone(Entity entity) => OcciException.NotFound($"compute {entity.Id}: its libvirt domain no longer exists");
}
