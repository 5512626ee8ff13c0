using Occi.Backends.Libvirt.Client;
using Occi.Core.Model;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>
/// One OCCI kind's mapping onto libvirt objects. Methods run synchronously on a live connection, inside
/// one pipeline execution, so one OCCI operation is one bounded, retried unit of work.
/// </summary>
internal interface IKindTranslation
{
    CategoryId Kind { get; }
    Entity Create(LibvirtConnection connection, Entity entity);
    bool Refresh(LibvirtConnection connection, Entity entity);
    Entity Update(LibvirtConnection connection, Entity entity);
    void Delete(LibvirtConnection connection, Entity entity);
    Entity Invoke(LibvirtConnection connection, Entity entity, ActionInvocation action);
    IReadOnlyList<string> Inventory(LibvirtConnection connection);
}
