using Occi.Core.Model;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>What an operation produced; the endpoint turns it into status, headers and a rendering.</summary>
internal abstract record OcciResult(int Status)
{
    /// <summary>The store version of the one entity the answer is about (its read, update, action or create): the ETag.</summary>
    public long? Version { get; init; }
}

internal sealed record EntityResult(Entity Entity, int Status = 200, string? Location = null) : OcciResult(Status)
{
    public static EntityResult Of(StoredEntity stored, int status = 200, string? location = null) => new(stored.Entity, status, location) { Version = stored.Version };
}

internal sealed record CollectionResult(IReadOnlyList<Entity> Entities) : OcciResult(200);

internal sealed record LocationsResult(IReadOnlyList<string> Locations, int Status = 200, string? Location = null) : OcciResult(Status);

internal sealed record CategoriesResult(IReadOnlyList<Category> Categories, bool IsWholeModel) : OcciResult(200);

internal sealed record EmptyResult(int Status = 200) : OcciResult(Status);

/// <summary>
/// An action triggered on a collection (GFD.185 §3.4.4) that some members did not take: it applied to
/// <paramref name="Applied"/>, and not to <paramref name="Skipped"/> (each with the reason). 200: what was
/// applied stays applied, and the answer says what was and was not done.
/// </summary>
internal sealed record CollectionActionResult(CategoryId Action, IReadOnlyList<string> Applied, IReadOnlyList<SkippedMember> Skipped) : OcciResult(200);

internal sealed record SkippedMember(string Location, string Reason);
