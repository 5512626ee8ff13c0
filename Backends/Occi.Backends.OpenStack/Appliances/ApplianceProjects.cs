using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// The VO → project map of Occi:OpenStack:Appliances:Projects as Keystone sessions: the configured account's
/// user, scoped to each mapped project (one session per project, however many VOs map to it), as cloudkeeper-os acts
/// in the project of each VO. A VO not mapped has no session: its appliances are refused.
/// </summary>
internal sealed class ApplianceProjects
{
    private readonly Dictionary<string, KeystoneSession> _byVo;

    public ApplianceProjects(OpenStackOptions options, OpenStackApplianceOptions appliances, KeystoneClient keystone, TimeProvider time)
    {
        var renew = TimeSpan.FromSeconds(options.TokenRenewSeconds);
        var byProject = appliances.Projects.Values.Distinct(StringComparer.Ordinal).ToDictionary(p => p, p => new KeystoneSession(new OpenStackAccount
        {
            Username = options.Username, Password = options.Password, UserDomain = options.UserDomain,
            ProjectDomain = options.ProjectDomain, ProjectName = p,
        }, keystone, time, renew), StringComparer.Ordinal);
        _byVo = appliances.Projects.ToDictionary(p => p.Key, p => byProject[p.Value], StringComparer.Ordinal);
        All = [.. byProject.Values];
    }

    /// <summary>The session in the VO's project; null for a VO not mapped.</summary>
    public ICredential? For(string vo) => _byVo.GetValueOrDefault(vo);

    /// <summary>One session per mapped project: where the gateway's appliance images can be.</summary>
    public IReadOnlyList<ICredential> All { get; }
}
