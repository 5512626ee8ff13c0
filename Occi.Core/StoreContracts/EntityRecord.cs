using Occi.Core.Model;

namespace Occi.Core.StoreContracts;

/// <summary>A stored entity with its document version (optimistic concurrency) and owner (tenant).</summary>
public sealed record EntityRecord(Entity Entity, long Version, string? Owner);
