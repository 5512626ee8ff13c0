using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Changes;

namespace Occi.Backends.OpenStack.Network;

/// <summary>network ↔ Neutron network, networkinterface ↔ port or floating IP, security groups: the Neutron keys of Occi:OpenStack, the clients, the translators.</summary>
internal static class NetworkRegistration
{
    public static void AddNetwork(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenStackNetworkOptions>().Bind(configuration.GetSection(OpenStackNetworkOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenStackNetworkOptions>, OpenStackNetworkOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OpenStackNetworkOptions>>().Value);
        services.TryAddSingleton<NeutronClient>();
        services.TryAddSingleton<NovaServerPorts>();
        services.TryAddSingleton<KnownNeutron>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSource, NeutronChanges>());
        services.TryAddSingleton<PublicNetworks>();
        services.TryAddSingleton<SecurityGroups>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindTranslator, NeutronNetworks>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindTranslator, NetworkPorts>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindExtension, SecurityGroups>(sp => sp.GetRequiredService<SecurityGroups>()));
    }
}
