using Occi.Core;
using Occi.Core.StoreContracts;

namespace Occi.Server.Entities;

/// <summary>
/// The preconditions of a request on one entity (RFC 9110 §13.1): <c>If-Match</c> and <c>If-None-Match</c>,
/// compared with the entity-tag <c>"&lt;version&gt;"</c> of its store record (<see cref="EntityRecord.Version"/>,
/// one more per write). The header values are kept as sent and read only when an entity is at hand.
/// </summary>
internal sealed record WriteCondition(string? IfMatch, string? IfNoneMatch)
{
    public static readonly WriteCondition None = new(null, null);

    /// <summary>Whether the client asked for a condition: then a write that loses a race is 412, never redone.</summary>
    public bool IsConditional => IfMatch is not null || IfNoneMatch is not null;

    /// <summary>The strong entity-tag of a record version (RFC 9110 §8.8.3): a quoted decimal.</summary>
    public static string ETagOf(long version) =>
        (ulong)version < (ulong)SmallTags.Length
            ? SmallTags[version] ??= Quoted(version) // most entities are written a few times: their tags are made once
            : Quoted(version);

    private static readonly string?[] SmallTags = new string?[4096];

    private static string Quoted(long version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>Null for an empty header, so a request that sent none is unconditional.</summary>
    public static WriteCondition Of(string ifMatch, string ifNoneMatch) =>
        ifMatch.Length == 0 && ifNoneMatch.Length == 0 ? None : new(NullIfEmpty(ifMatch), NullIfEmpty(ifNoneMatch));

    /// <summary>
    /// Throws 412 when <paramref name="record"/> (null: nothing at <paramref name="location"/>) fails the
    /// conditions: If-Match needs an entity with a listed tag (strong comparison, RFC 9110 §13.1.1), or any
    /// entity for <c>*</c>; If-None-Match needs no entity for <c>*</c>, or none with a listed tag (§13.1.2).
    /// </summary>
    public void Check(EntityRecord? record, string location)
    {
        if (IfMatch is not null && (record is null || !Lists(IfMatch, record.Version, weak: false)))
            throw OcciException.PreconditionFailed(record is null
                ? $"If-Match: {IfMatch} does not hold: there is no entity at {location}"
                : $"If-Match: {IfMatch} does not hold: {location} is at {ETagOf(record.Version)}; nothing was changed");
        if (IfNoneMatch is not null && record is not null && Lists(IfNoneMatch, record.Version, weak: true))
            throw OcciException.PreconditionFailed(IfNoneMatch.Trim() == "*"
                ? $"If-None-Match: * does not hold: an entity exists at {location} ({ETagOf(record.Version)}); nothing was changed"
                : $"If-None-Match: {IfNoneMatch} does not hold: {location} is at {ETagOf(record.Version)}; nothing was changed");
    }

    /// <summary>For GET and HEAD: whether If-None-Match lists the entity's tag, so 304 Not Modified answers (RFC 9110 §13.1.2).</summary>
    public bool NotModified(long version) => IfNoneMatch is not null && Lists(IfNoneMatch, version, weak: true);

    /// <summary>
    /// Whether a comma-separated list of entity-tags holds <c>*</c> or the version's tag. A weak tag (<c>W/"3"</c>)
    /// counts only in the weak comparison; an item that is no entity-tag matches nothing (the condition fails, a 412).
    /// </summary>
    private static bool Lists(string header, long version, bool weak)
    {
        var tag = ETagOf(version).AsSpan();
        foreach (var range in header.AsSpan().Split(','))
        {
            var item = header.AsSpan()[range].Trim();
            if (item is "*") return true;
            if (item.StartsWith("W/", StringComparison.Ordinal))
            {
                if (!weak) continue;
                item = item[2..];
            }
            if (item.SequenceEqual(tag)) return true;
        }
        return false;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
