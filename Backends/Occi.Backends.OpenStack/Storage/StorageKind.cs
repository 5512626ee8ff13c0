using Occi.Core.Model;
using OcciStorage = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// GFD.184 §3.3's storage kind with the actions Cinder has: resize (os-extend), snapshot (a Cinder snapshot) and,
/// where the cloud runs cinder-backup, backup. Cinder has no online/offline switch for a volume, so those two are
/// not offered: the query interface shows exactly what the gateway can do.
/// </summary>
internal static class StorageKind
{
    public static Kind With(bool backups) => new(OcciStorage.Kind.Scheme, OcciStorage.Kind.Term, OcciStorage.Kind.Title, OcciStorage.Kind.Parent, OcciStorage.Kind.Location,
        OcciStorage.Kind.Attributes, backups ? [OcciStorage.Backup, OcciStorage.Snapshot, OcciStorage.Resize] : [OcciStorage.Snapshot, OcciStorage.Resize]);
}
