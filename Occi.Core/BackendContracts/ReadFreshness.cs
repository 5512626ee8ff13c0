namespace Occi.Core.BackendContracts;

/// <summary>
/// How fresh a read of one entity's live state must be. A backend that keeps what it knows of its cloud (the
/// OpenStack backend's read cache, fed by a follower of the cloud's changes) answers <see cref="Known"/> from it
/// while it is within its staleness bound; <see cref="Live"/> (a client's Cache-Control: no-cache) asks the
/// cloud now. A backend without such knowledge asks its cloud either way.
/// </summary>
public enum ReadFreshness
{
    Known,
    Live,
}
