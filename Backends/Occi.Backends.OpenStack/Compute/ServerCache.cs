using System.Collections.Concurrent;

namespace Occi.Backends.OpenStack.Compute;

/// <summary>
/// What the gateway knows of Nova's servers, so a GET of a compute does not wait for Nova: each server as last read
/// (by a request or by <see cref="NovaChanges"/>), or that it is gone. An entry is fresh while the later of its own
/// read and the follower's last complete sweep is at most Occi:OpenStack:StalenessSeconds old; a sweep vouches only
/// for the servers of the projects it sees (all, for an admin account; else its own), since one that saw no
/// change to a server says it is unchanged as of the sweep. Never a substitute for a read the client asked to be live.
/// </summary>
internal sealed class ServerCache(OpenStackOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Known> _servers = new(StringComparer.Ordinal);
    private readonly TimeSpan _staleness = TimeSpan.FromSeconds(options.StalenessSeconds);
    private long _sweptAtTicks;
    private volatile SweepScope? _scope;

    /// <summary>True when a fresh entry exists: <paramref name="server"/> is the server, or null when it is gone.</summary>
    public bool TryGetFresh(string id, out NovaServer? server)
    {
        server = null;
        if (!_servers.TryGetValue(id, out var known)) return false;
        var asOf = known.ReadAt;
        if (_scope is { } scope && (scope.AllProjects || scope.ProjectId == known.ProjectId))
        {
            var swept = new DateTimeOffset(Interlocked.Read(ref _sweptAtTicks), TimeSpan.Zero);
            if (swept > asOf) asOf = swept;
        }
        if (time.GetUtcNow() - asOf > _staleness) return false;
        server = known.Server;
        return true;
    }

    public void Put(NovaServer server) =>
        _servers[server.Id] = new Known(ServerState.IsGone(server) ? null : server, server.TenantId, time.GetUtcNow());

    public void PutGone(string id, string? projectId) => _servers[id] = new Known(null, projectId, time.GetUtcNow());

    /// <summary>Forgets a server, so the next read asks Nova (after an action that changes it).</summary>
    public void Forget(string id) => _servers.TryRemove(id, out _);

    /// <summary>A sweep of <paramref name="scope"/> that began at <paramref name="startedAt"/> saw every change up to then.</summary>
    public void MarkSwept(DateTimeOffset startedAt, SweepScope scope)
    {
        _scope = scope;
        var ticks = startedAt.UtcTicks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _sweptAtTicks)) && Interlocked.CompareExchange(ref _sweptAtTicks, ticks, seen) != seen)
        {
        }
    }

    public DateTimeOffset Now => time.GetUtcNow();

    private sealed record Known(NovaServer? Server, string? ProjectId, DateTimeOffset ReadAt);
}

/// <summary>Which servers a sweep sees: every project's (an admin account with all_tenants) or one project's.</summary>
internal sealed record SweepScope(bool AllProjects, string ProjectId);
