using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Infrastructure;

/// <summary>Every category GFD.184/GFD.224 define, plus the contextualization mixins EGI clients send.</summary>
public static class InfrastructureModel
{
    public static IReadOnlyList<Kind> Kinds { get; } = [Compute.Kind, Storage.Kind, Network.Kind, NetworkInterface.Kind, StorageLink.Kind];

    public static IReadOnlyList<Mixin> Mixins { get; } =
    [
        IpNetwork.Mixin, IpNetworkInterface.Mixin, Templates.OsTpl, Templates.ResourceTpl,
        Contextualization.SshKey, Contextualization.UserData,
        Contextualization.OpenStackPublicKey, Contextualization.OpenStackUserDataMixin,
    ];

    public static IEnumerable<Category> All => CoreCategories.All.Concat(Kinds).Concat(Mixins);
}
