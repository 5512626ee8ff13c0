using System.Collections.Concurrent;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.Model;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Neutron security groups as compute mixins (<see cref="OpenStackNetworkMixins"/>): one per group of the project,
/// term from its name. Neutron applies groups to ports, so a compute's choice is written to every port of its server
/// and kept in the server's metadata (<see cref="NovaServerPorts.SecurityGroupsKey"/>), whence a port made later
/// (a networkinterface) takes it. Nova refuses metadata while a server builds: a choice made then is held here until
/// the server's first port is plugged (by then it is active) and written then. A compute that chooses none has its
/// project's default group, as Neutron gives.
/// </summary>
internal sealed class SecurityGroups(NeutronClient neutron, NovaServerPorts nova) : IKindExtension
{
    public CategoryId Kind => ComputeKind.Kind.Id;

    private const int MaxPending = 10_000;

    private IReadOnlyDictionary<string, string> _idByTerm = new Dictionary<string, string>();
    private readonly ConcurrentDictionary<string, List<string>> _pending = new(StringComparer.Ordinal);

    /// <summary>The group mixins of the project <paramref name="credential"/> acts in; remembers their terms.</summary>
    public async Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential credential, CancellationToken ct)
    {
        var groups = await neutron.ListSecurityGroupsAsync(credential, "?fields=id&fields=name", ct);
        var byTerm = new Dictionary<string, string>(StringComparer.Ordinal);
        var mixins = new List<Mixin> { OpenStackNetworkMixins.SecurityGroup };
        foreach (var group in groups.OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            var term = OpenStackNetworkMixins.Term(group.Name, group.Id);
            // Two groups may share a name (Neutron allows it): the second is told apart by its id.
            if (byTerm.ContainsKey(term)) term = $"{term}_{group.Id[..Math.Min(8, group.Id.Length)].ToLowerInvariant()}";
            if (!byTerm.TryAdd(term, group.Id)) continue;
            mixins.Add(OpenStackNetworkMixins.Group(term, group.Name ?? group.Id));
        }
        _idByTerm = byTerm;
        return mixins;
    }

    /// <summary>A compute's security group mixins must name groups of the project before its server is made.</summary>
    public async Task CheckAsync(ICredential credential, Entity entity, CancellationToken ct) => await ChosenAsync(credential, entity, ct);

    /// <summary>After the server is made or the compute updated: its ports get the groups (a new compute that chose none keeps Neutron's default, untouched).</summary>
    public Task ApplyAsync(ICredential credential, Entity entity, bool created, CancellationToken ct) =>
        entity.BackendId is { } server && (!created || Chooses(entity)) ? ApplyAsync(credential, server, entity, ct) : Task.CompletedTask;

    private static bool Chooses(Entity compute) => compute.Mixins.Any(m => m.Scheme == OpenStackNetworkMixins.SecurityGroupScheme);

    /// <summary>The Neutron ids of the groups the compute's mixins name.</summary>
    public async Task<List<string>> ChosenAsync(ICredential credential, Entity compute, CancellationToken ct)
    {
        var terms = compute.Mixins.Where(m => m.Scheme == OpenStackNetworkMixins.SecurityGroupScheme).Select(m => m.Term).ToList();
        if (terms.Count == 0) return [];
        // A group made since the last model refresh, or of the caller's own project: ask Neutron as the caller.
        if (terms.Any(t => !_idByTerm.ContainsKey(t))) await MixinsAsync(credential, ct);
        var ids = new List<string>();
        foreach (var term in terms)
            ids.Add(_idByTerm.GetValueOrDefault(term) ?? throw OcciException.BadRequest($"security group {term} is no Neutron security group of this project"));
        return ids;
    }

    /// <summary>Gives every port of the server the compute's groups (the project's default for none) and keeps them in its metadata.</summary>
    public async Task ApplyAsync(ICredential credential, string serverId, Entity compute, CancellationToken ct)
    {
        var ids = await ChosenAsync(credential, compute, ct);
        try
        {
            await nova.SetSecurityGroupsAsync(credential, serverId, ids, ct);
            _pending.TryRemove(serverId, out _);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict)
        {
            if (_pending.Count >= MaxPending) _pending.Clear();
            _pending[serverId] = ids;
        }
        foreach (var port in await neutron.ListPortsAsync(credential, "?device_id=" + Uri.EscapeDataString(serverId), ct))
            await neutron.SetPortSecurityGroupsAsync(credential, port.Id, ids.Count > 0 ? ids : await DefaultOfAsync(credential, port, ct), ct);
    }

    /// <summary>The groups a new port of the server gets: those in its metadata, or null for Neutron's default.</summary>
    public async Task<List<string>?> ForNewPortAsync(ICredential credential, string serverId, CancellationToken ct) =>
        _pending.TryGetValue(serverId, out var held) ? (held.Count > 0 ? held : null) : await nova.SecurityGroupsAsync(credential, serverId, ct);

    /// <summary>After a port was plugged into the server (so it is active): a choice held while it built goes into its metadata.</summary>
    public async Task SettleAsync(ICredential credential, string serverId, CancellationToken ct)
    {
        if (!_pending.TryGetValue(serverId, out var held)) return;
        await nova.SetSecurityGroupsAsync(credential, serverId, held, ct);
        _pending.TryRemove(serverId, out _);
    }

    private async Task<List<string>> DefaultOfAsync(ICredential credential, NeutronPort port, CancellationToken ct)
    {
        var query = "?name=default&fields=id" + (port.ProjectId is { } project ? "&project_id=" + Uri.EscapeDataString(project) : "");
        return [.. (await neutron.ListSecurityGroupsAsync(credential, query, ct)).Take(1).Select(g => g.Id)];
    }
}
