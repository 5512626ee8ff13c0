using Occi.Core.Attributes;
using Occi.Core.Filtering;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded;

/// <summary>
/// An <see cref="EntityQuery"/> prepared once for the in-memory view: its conditions in the view's terms (identities,
/// text forms), the keys <see cref="EntityView"/> picks its index set by, and the test each candidate passes. An
/// attribute condition is tested by Core's rule, <see cref="EntityFilter.HasAttributeText"/>.
/// </summary>
internal sealed class PreparedQuery
{
    private PreparedQuery(EntityQuery query)
    {
        Query = query;
        Kinds = query.Kinds?.Select(k => k.Identity).Distinct(StringComparer.Ordinal).ToArray();
        Mixin = query.Mixin?.Identity;
        Prefix = query.LocationPrefix is { Length: > 0 } prefix ? prefix : null;
        if (query.Attributes is { } attributes)
        {
            Attributes = new (string, string)[attributes.Count];
            for (var i = 0; i < attributes.Count; i++) Attributes[i] = (attributes[i].Key, attributes[i].Value.ToString());
            // Names outside the attribute grammar cannot be stored, so they match nothing.
            MatchesNothing = attributes.Any(a => !AttributeName.IsValid(a.Key));
        }
        MatchesNothing |= Kinds is { Length: 0 }; // no kind can match an empty list
    }

    public static PreparedQuery From(EntityQuery query) => new(query);

    public EntityQuery Query { get; }
    /// <summary>Kind identities, or null for any kind.</summary>
    public string[]? Kinds { get; }
    /// <summary>Mixin identity, or null.</summary>
    public string? Mixin { get; }
    public string? Prefix { get; }
    /// <summary>(name, text form) pairs; the contract compares <see cref="AttributeValue.ToString"/>.</summary>
    public (string Name, string Text)[]? Attributes { get; }
    public bool MatchesNothing { get; }

    /// <summary>No condition at all: every entity matches.</summary>
    public bool IsEmpty => Kinds is null && Mixin is null && Prefix is null && Query.Owner is null
        && Query.LinkSource is null && Query.LinkTarget is null && Query.BackendId is null && Attributes is not { Length: > 0 };

    public bool Matches(StoredEntity e)
    {
        var q = Query;
        if (Kinds is { } kinds && Array.IndexOf(kinds, e.Kind) < 0) return false;
        if (Mixin is { } mixin && !e.HasMixin(mixin)) return false;
        if (Prefix is { } prefix && !e.Location.StartsWith(prefix, StringComparison.Ordinal)) return false;
        if (q.Owner is { } owner && !string.Equals(e.Owner, owner, StringComparison.Ordinal)) return false;
        if (q.LinkSource is { } source && !string.Equals(e.LinkSource, source, StringComparison.Ordinal)) return false;
        if (q.LinkTarget is { } target && !string.Equals(e.LinkTarget, target, StringComparison.Ordinal)) return false;
        if (q.BackendId is { } backendId && !string.Equals(e.BackendId, backendId, StringComparison.Ordinal)) return false;
        if (Attributes is { } attributes)
            foreach (var (name, text) in attributes)
                if (!e.HasAttributeText(name, text)) return false;
        return true;
    }

    /// <summary>The text the filter asks of one of the entity's keys (id, link source, link target), or null.</summary>
    public string? KeyText(string name)
    {
        if (Attributes is { } attributes)
            foreach (var (n, text) in attributes)
                if (n == name) return text;
        return null;
    }
}
