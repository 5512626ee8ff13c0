using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Documents;
using Occi.Core.Filtering;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// One entity as the in-memory view holds it, compactly (issue 13: a decoded entity graph per stored entity cost
/// several times its document): the fields of its stored document held once — the keys the view indexes it by,
/// its category ids with their strings shared across entities (<see cref="SharedStrings"/>) — and its attributes
/// as UTF-8 JSON bytes (<see cref="EntityDocumentCodec.EncodeAttributes"/>), plus its version and owner. Read from
/// the document journaled and written to SQLite, so it equals what a restart reads back; reads build a fresh
/// entity (<see cref="Copy"/>) that callers may mutate.
/// </summary>
internal sealed class StoredEntity
{
    private readonly CategoryId _kind;
    private readonly CategoryId[] _mixins;
    private readonly byte[] _attributes;
    private readonly LinkEndKinds? _endKinds;

    /// <param name="snapshot">Decoded from the stored document: read, not kept.</param>
    public StoredEntity(Entity snapshot, long version, string? owner)
        : this(snapshot, version, owner, EntityDocumentCodec.EncodeAttributes(snapshot.Attributes)) { }

    /// <param name="snapshot">Read, not kept.</param>
    /// <param name="attributes">Its attributes as <see cref="EntityDocumentCodec.EncodeAttributes"/> writes them; kept, not copied.</param>
    public StoredEntity(Entity snapshot, long version, string? owner, byte[] attributes)
    {
        Version = version;
        Owner = SharedStrings.Get(owner);
        Location = snapshot.Location ?? throw new InvalidOperationException($"the stored entity {snapshot.Id} has no location");
        Id = snapshot.Id;
        BackendId = snapshot.BackendId;
        _kind = Share(snapshot.Kind);
        Kind = SharedStrings.Get(snapshot.Kind.Identity);
        _mixins = snapshot.Mixins.Count == 0 ? [] : snapshot.Mixins.Select(Share).ToArray();
        Mixins = _mixins.Length == 0 ? [] : snapshot.Mixins.Select(m => SharedStrings.Get(m.Identity)).Distinct(StringComparer.Ordinal).ToArray();
        _attributes = attributes;
        if (snapshot is Link link)
        {
            (LinkSource, LinkTarget) = (link.Source, link.Target);
            if (link.SourceKind is not null || link.TargetKind is not null)
                _endKinds = new(link.SourceKind is { } s ? Share(s) : null, link.TargetKind is { } t ? Share(t) : null);
        }
    }

    private StoredEntity(string location, string id, string? backendId, long version, string? owner, ViewSnapshot.SharedCategory kind,
        ViewSnapshot.MixinSet mixins, LinkEnds? link, byte[] attributes)
    {
        (Location, Id, BackendId, Version, Owner) = (location, id, backendId, version, owner);
        (_kind, Kind) = (kind.Id, kind.Identity);
        (_mixins, Mixins) = (mixins.Ids, mixins.Identities);
        _attributes = attributes;
        if (link is not null)
        {
            (LinkSource, LinkTarget) = (link.Source, link.Target);
            if (link.SourceKind is not null || link.TargetKind is not null) _endKinds = new(link.SourceKind, link.TargetKind);
        }
    }

    /// <summary>
    /// An entity read back from a <see cref="ViewSnapshot"/>: its parts as a constructed one held them, strings,
    /// category ids and mixin arrays already shared (never changed, so entities with the same mixins hold one pair of
    /// arrays), <paramref name="attributes"/> kept as they are.
    /// </summary>
    internal static StoredEntity FromParts(string location, string id, string? backendId, long version, string? owner, ViewSnapshot.SharedCategory kind,
        ViewSnapshot.MixinSet mixins, LinkEnds? link, byte[] attributes) =>
        new(location, id, backendId, version, owner, kind, mixins, link, attributes);

    /// <summary>Decodes a stored document (its UTF-8 JSON bytes) into the view's form.</summary>
    public static StoredEntity Decode(ReadOnlySpan<byte> document, long version, string? owner) =>
        new(EntityDocumentCodec.Decode(document), version, owner);

    public string Location { get; }
    public string Id { get; }
    public string? BackendId { get; }
    public long Version { get; }
    public string? Owner { get; }
    /// <summary>The kind's identity (scheme + term), as the store compares it.</summary>
    public string Kind { get; }
    /// <summary>Distinct mixin identities.</summary>
    public string[] Mixins { get; }
    /// <summary>A link's source; null for a resource.</summary>
    public string? LinkSource { get; }
    public string? LinkTarget { get; }

    /// <summary>The kind as stored; with <see cref="MixinIds"/>, <see cref="SourceKind"/>, <see cref="TargetKind"/> and <see cref="AttributeBytes"/>, what a <see cref="ViewSnapshot"/> writes.</summary>
    internal CategoryId KindId => _kind;
    /// <summary>The mixins in the document's order (not to be changed).</summary>
    internal ReadOnlySpan<CategoryId> MixinIds => _mixins;
    internal CategoryId? SourceKind => _endKinds?.Source;
    internal CategoryId? TargetKind => _endKinds?.Target;
    /// <summary>The attributes as UTF-8 JSON (<see cref="EntityDocumentCodec.EncodeAttributes"/>).</summary>
    internal ReadOnlySpan<byte> AttributeBytes => _attributes;

    public bool HasMixin(string identity) => Array.IndexOf(Mixins, identity) >= 0;

    /// <summary>The attribute condition <paramref name="name"/> = <paramref name="text"/> holds (<see cref="EntityFilter.HasAttributeText"/>).</summary>
    public bool HasAttributeText(string name, string text) => name switch
    {
        // The rule's own keys are held decoded; any other name reads the attributes only.
        Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute => EntityFilter.HasAttributeText(Keys(), name, text),
        // EntityFilter's rule for any other name, on the one attribute read from the bytes: a filter on an unindexed
        // attribute looks at every entity, and decoding each whole bag left about 1 KB of garbage per entity.
        _ => TryReadAttribute(name, out var value) && string.Equals(value.ToString(), text, StringComparison.Ordinal),
    };

    /// <summary>The attribute <paramref name="name"/> decoded from the attribute bytes, every other one skipped.</summary>
    private bool TryReadAttribute(string name, out AttributeValue value)
    {
        var r = new Utf8JsonReader(_attributes);
        r.Read(); // the object's start
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = r.ValueTextEquals(name);
            r.Read();
            if (wanted)
            {
                value = AttributeJson.Read(ref r);
                return true;
            }
            r.Skip();
        }
        value = default;
        return false;
    }

    public EntityRecord ToRecord() => new(Copy(), Version, Owner);

    /// <summary>A fresh entity equal to the stored document's decoding (<see cref="EntityDocumentCodec.Decode(ReadOnlySpan{byte})"/>): nothing mutable shared.</summary>
    public Entity Copy()
    {
        var entity = Keys();
        entity.Attributes = EntityDocumentCodec.DecodeAttributes(_attributes);
        return entity;
    }

    /// <summary>The entity without its attributes.</summary>
    private Entity Keys()
    {
        Entity entity = LinkSource is null
            ? new Resource()
            : new Link { Source = LinkSource, Target = LinkTarget ?? "", SourceKind = _endKinds?.Source, TargetKind = _endKinds?.Target };
        entity.Id = Id;
        entity.Kind = _kind;
        entity.Location = Location;
        entity.BackendId = BackendId;
        entity.Mixins.AddRange(_mixins);
        return entity;
    }

    private static CategoryId Share(CategoryId id) => new(SharedStrings.Get(id.Scheme), SharedStrings.Get(id.Term));

    /// <summary>GFD.221's kinds of a link's ends, when it names them (most links do not: they cost one reference).</summary>
    private sealed record LinkEndKinds(CategoryId? Source, CategoryId? Target);

    /// <summary>A link's ends as a <see cref="ViewSnapshot"/> reads them.</summary>
    internal sealed record LinkEnds(string Source, string Target, CategoryId? SourceKind, CategoryId? TargetKind);
}
