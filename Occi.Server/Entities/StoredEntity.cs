using Occi.Core.Model;

namespace Occi.Server.Entities;

/// <summary>
/// An entity as an operation answers it, with the store version it was read or written at: the ETag of the
/// answer (<see cref="WriteCondition.ETagOf"/>). Null when no version describes it (a refresh the store refused).
/// </summary>
internal readonly record struct StoredEntity(Entity Entity, long? Version);
