using Occi.Core.Model;

namespace Occi.Server.Operations;

/// <summary>What an operation produced; the endpoint turns it into status, headers and a rendering.</summary>
internal abstract record OcciResult(int Status);

internal sealed record EntityResult(Entity Entity, int Status = 200, string? Location = null) : OcciResult(Status);

internal sealed record CollectionResult(IReadOnlyList<Entity> Entities) : OcciResult(200);

internal sealed record LocationsResult(IReadOnlyList<string> Locations, int Status = 200, string? Location = null) : OcciResult(Status);

internal sealed record CategoriesResult(IReadOnlyList<Category> Categories, bool IsWholeModel) : OcciResult(200);

internal sealed record EmptyResult(int Status = 200) : OcciResult(Status);
