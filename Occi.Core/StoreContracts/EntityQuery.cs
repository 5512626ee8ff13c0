using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Core.StoreContracts;

/// <summary>
/// A store query. Every given condition must hold. Results are ordered by location (stable paging).
/// </summary>
public sealed record EntityQuery
{
    /// <summary>Entities whose kind is one of these (the caller expands a kind to its sub-kinds).</summary>
    public IReadOnlyList<CategoryId>? Kinds { get; init; }
    /// <summary>Entities that have this mixin.</summary>
    public CategoryId? Mixin { get; init; }
    /// <summary>Entities whose location starts with this path ("/compute/", "/users/alice/").</summary>
    public string? LocationPrefix { get; init; }
    public string? Owner { get; init; }
    /// <summary>Links whose source is this location (a resource's links).</summary>
    public string? LinkSource { get; init; }
    /// <summary>Links whose target is this location.</summary>
    public string? LinkTarget { get; init; }
    /// <summary>
    /// Entities the backend knows by this id (<see cref="Model.Entity.BackendId"/>): how a change the backend announces
    /// finds its entity. Stores answer it from an index, not a scan.
    /// </summary>
    public string? BackendId { get; init; }
    /// <summary>
    /// Exact attribute values, compared as their text form. occi.core.id, occi.core.source and
    /// occi.core.target compare the entity's id and a link's ends (a resource matches no source or target).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, AttributeValue>>? Attributes { get; init; }
    public int Skip { get; init; }
    public int? Take { get; init; }
}
