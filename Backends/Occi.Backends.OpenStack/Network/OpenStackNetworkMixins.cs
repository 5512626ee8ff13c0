using Occi.Core.Model;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// The OpenStack network extensions in OpenStack's own schemes (STYLE.md: a cloud's extensions live in its
/// namespace, not the standard's), the ones OCCI clients of OpenStack sites know:
/// <list type="bullet">
/// <item>floating IP pools, http://schemas.openstack.org/network/floatingippool#&lt;pool&gt;, one per external
/// network. A network created with one stands for that public network: nothing is made in Neutron, and a
/// networkinterface from a compute to it gives the compute a floating IP from that pool. A network created at
/// /network/public (the location rOCCI-era clients link to) without one stands for the default public network
/// (Occi:OpenStack:PublicNetwork, or the only external network).</item>
/// <item>security groups, http://schemas.openstack.org/infrastructure/security/group#&lt;group&gt;, one per
/// Neutron security group of the project, applied to computes. This is the scheme OCCI 1.1 servers in front of
/// OpenStack offered and EGI clients send; OCCI 1.2's securitygroup is a kind with its own links (a resource per
/// group, rules as attributes), which would make the gateway manage groups, where a site defines them and users
/// pick: a mixin per existing group says exactly that.</item>
/// </list>
/// </summary>
internal static class OpenStackNetworkMixins
{
    public const string FloatingIpPoolScheme = "http://schemas.openstack.org/network/floatingippool#";
    public const string SecurityGroupScheme = "http://schemas.openstack.org/infrastructure/security/group#";

    /// <summary>The OCCI id of the network that stands for the default public network (OOI and rOCCI-era sites: /network/public).</summary>
    public const string PublicNetworkId = "public";

    /// <summary>What every security group mixin depends on, so a client finds the groups as it finds os_tpl templates.</summary>
    public static readonly Mixin SecurityGroup = new("http://schemas.openstack.org/infrastructure/security#", "group", "Security group",
        "/mixin/security_group/", applies: [ComputeKind.Kind.Id]);

    /// <summary>What every floating IP pool mixin depends on.</summary>
    public static readonly Mixin FloatingIpPool = new("http://schemas.openstack.org/network#", "floatingippool", "Floating IP pool",
        "/mixin/floatingippool/", applies: [Occi.Infrastructure.Kinds.Network.Kind.Id]);

    public static Mixin Pool(string term, string networkName) =>
        new(FloatingIpPoolScheme, term, $"Floating IP pool {networkName}", $"/mixin/floatingippool/{term}/", depends: [FloatingIpPool],
            applies: [Occi.Infrastructure.Kinds.Network.Kind.Id]);

    public static Mixin Group(string term, string groupName) =>
        new(SecurityGroupScheme, term, $"Security group {groupName}", $"/mixin/security_group/{term}/", depends: [SecurityGroup],
            applies: [ComputeKind.Kind.Id]);

    /// <summary>
    /// An OCCI term from a Neutron name: lower case letters, digits, '-' and '_' (GFD.185 §2.1's term), anything
    /// else '_'; a name with nothing usable left is the object's id.
    /// </summary>
    public static string Term(string? name, string id)
    {
        if (string.IsNullOrEmpty(name)) return id.ToLowerInvariant();
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' ? c : '_').ToArray();
        var term = new string(chars);
        return term.Trim('_').Length == 0 ? id.ToLowerInvariant() : term;
    }
}
