using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// The external networks (router:external) floating IPs come from, each offered as a floating IP pool mixin, and
/// the default one: Occi:OpenStack:PublicNetwork (a name or an id), else the only external network there is.
/// </summary>
internal sealed class PublicNetworks(NeutronClient neutron, OpenStackNetworkOptions options)
{
    public Task<IReadOnlyList<NeutronNetwork>> ListAsync(ICredential credential, CancellationToken ct) =>
        neutron.ListNetworksAsync(credential, "?router%3Aexternal=true", ct);

    /// <summary>The default public network; null when none is configured and the cloud has none or several.</summary>
    public async Task<NeutronNetwork?> DefaultAsync(ICredential credential, CancellationToken ct)
    {
        var external = await ListAsync(credential, ct);
        if (options.PublicNetwork.Length > 0)
            return external.FirstOrDefault(n => n.Id == options.PublicNetwork) ?? external.FirstOrDefault(n => n.Name == options.PublicNetwork);
        return external.Count == 1 ? external[0] : null;
    }

    /// <summary>The external network a floating IP pool mixin's term names.</summary>
    public async Task<NeutronNetwork> ForPoolAsync(ICredential credential, string term, CancellationToken ct) =>
        (await ListAsync(credential, ct)).FirstOrDefault(n => OpenStackNetworkMixins.Term(n.Name, n.Id) == term)
        ?? throw OcciException.BadRequest($"the floating IP pool {term} is no external network of this cloud any more");

    public string NoDefault => options.PublicNetwork.Length > 0
        ? $"the public network '{options.PublicNetwork}' (Occi:OpenStack:PublicNetwork) is no external network of this cloud"
        : "this cloud has no single external network to take floating IPs from: name one in Occi:OpenStack:PublicNetwork, or choose a floating IP pool mixin";
}
