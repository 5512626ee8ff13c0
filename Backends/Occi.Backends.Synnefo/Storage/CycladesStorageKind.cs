using Occi.Core.Model;
using OcciStorage = Occi.Infrastructure.Kinds.Storage;

namespace Occi.Backends.Synnefo.Storage;

/// <summary>
/// GFD.184 §3.3's storage kind with the one action Cyclades has: snapshot (blockstorage-api-guide, "Create Snapshot").
/// Cyclades has no extend (resize), no backup, and no online/offline switch for a volume, so those are not offered:
/// the query interface shows exactly what the gateway can do.
/// </summary>
internal static class CycladesStorageKind
{
    public static readonly Kind Kind = new(OcciStorage.Kind.Scheme, OcciStorage.Kind.Term, OcciStorage.Kind.Title, OcciStorage.Kind.Parent,
        OcciStorage.Kind.Location, OcciStorage.Kind.Attributes, [OcciStorage.Snapshot]);
}
