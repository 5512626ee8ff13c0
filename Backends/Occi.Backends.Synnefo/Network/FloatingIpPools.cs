using Occi.Backends.OpenStack.Identity;
using Occi.Backends.OpenStack.Network;
using Occi.Core;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// The site's public networks floating IPs are reserved from (SNF:floating_ip_pool, or router:external, in
/// network-api-guide's network attributes), each offered as a floating IP pool mixin, and the default one:
/// Occi:Synnefo:PublicNetwork (a name or an id), else the only pool there is. The mixins are the OpenStack backend's
/// (<see cref="OpenStackNetworkMixins"/>): Cyclades exposes Neutron's floating IP pools as they are, and OCCI clients
/// of OpenStack sites already know that scheme.
/// </summary>
internal sealed class FloatingIpPools(CycladesNetworkClient cyclades, SynnefoNetworkOptions options)
{
    public async Task<IReadOnlyList<CycladesNetwork>> ListAsync(ICredential credential, CancellationToken ct) =>
        [.. (await cyclades.ListNetworksAsync(credential, ct)).Where(n => n.IsFloatingIpPool)];

    /// <summary>The default pool; null when none is configured and the site has none or several.</summary>
    public async Task<CycladesNetwork?> DefaultAsync(ICredential credential, CancellationToken ct)
    {
        var pools = await ListAsync(credential, ct);
        if (options.PublicNetwork.Length > 0)
            return pools.FirstOrDefault(n => n.Id == options.PublicNetwork) ?? pools.FirstOrDefault(n => n.Name == options.PublicNetwork);
        return pools.Count == 1 ? pools[0] : null;
    }

    /// <summary>The pool a floating IP pool mixin's term names.</summary>
    public async Task<CycladesNetwork> ForTermAsync(ICredential credential, string term, CancellationToken ct) =>
        (await ListAsync(credential, ct)).FirstOrDefault(n => OpenStackNetworkMixins.Term(n.Name, n.Id) == term)
        ?? throw OcciException.BadRequest($"the floating IP pool {term} is no public network of this Synnefo any more");

    public string NoDefault => options.PublicNetwork.Length > 0
        ? $"the public network '{options.PublicNetwork}' ({SynnefoNetworkOptions.Section}:PublicNetwork) is no floating IP pool of this Synnefo"
        : $"this Synnefo has no single floating IP pool: name one in {SynnefoNetworkOptions.Section}:PublicNetwork, or choose a floating IP pool mixin";
}
