using Occi.Core.Documents;
using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// One entity as the in-memory view holds it: an immutable snapshot with its version, owner and the keys
/// the view indexes it by. The snapshot is decoded from the very document journaled and written to SQLite, so it equals
/// what a restart reads back; it is never handed out — callers get <see cref="Copy"/>s they may mutate.
/// </summary>
internal sealed class StoredEntity
{
    private readonly Entity _snapshot;

    /// <param name="snapshot">Decoded from the stored document and referenced by nothing else.</param>
    public StoredEntity(Entity snapshot, long version, string? owner)
    {
        _snapshot = snapshot;
        Version = version;
        Owner = owner;
        Location = snapshot.Location ?? throw new InvalidOperationException($"the stored entity {snapshot.Id} has no location");
        Kind = snapshot.Kind.Identity;
        Mixins = snapshot.Mixins.Count == 0 ? [] : snapshot.Mixins.Select(m => m.Identity).Distinct(StringComparer.Ordinal).ToArray();
        if (snapshot is Link link) (LinkSource, LinkTarget) = (link.Source, link.Target);
    }

    /// <summary>Decodes a stored document (its UTF-8 JSON bytes) into the view's form.</summary>
    public static StoredEntity Decode(ReadOnlySpan<byte> document, long version, string? owner) =>
        new(EntityDocumentCodec.Decode(document), version, owner);

    public string Location { get; }
    public string Id => _snapshot.Id;
    public string? BackendId => _snapshot.BackendId;
    public long Version { get; }
    public string? Owner { get; }
    /// <summary>The kind's identity (scheme + term), as the store compares it.</summary>
    public string Kind { get; }
    /// <summary>Distinct mixin identities.</summary>
    public string[] Mixins { get; }
    public string? LinkSource { get; }
    public string? LinkTarget { get; }

    public bool HasMixin(string identity) => Array.IndexOf(Mixins, identity) >= 0;

    /// <summary>The attribute condition <paramref name="name"/> = <paramref name="text"/> holds (<see cref="EntityFilter.HasAttributeText"/>).</summary>
    public bool HasAttributeText(string name, string text) => EntityFilter.HasAttributeText(_snapshot, name, text);

    public EntityRecord ToRecord() => new(Copy(), Version, Owner);

    /// <summary>A fresh entity equal to the snapshot (<see cref="Entity.Copy"/>: every field, nothing shared).</summary>
    public Entity Copy() => _snapshot.Copy();
}
