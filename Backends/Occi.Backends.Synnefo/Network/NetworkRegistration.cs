using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Occi.Backends.Synnefo.Network;

/// <summary>network ↔ Cyclades network, networkinterface ↔ port or floating IP: the Cyclades/Network keys of Occi:Synnefo, the client, the two translators.</summary>
internal static class NetworkRegistration
{
    public static void AddNetwork(IServiceCollection services, IConfiguration configuration)
    {
        OptionsBinding.Add<SynnefoNetworkOptions, SynnefoNetworkOptionsValidator>(services, configuration, SynnefoNetworkOptions.Section);
        services.AddHttpClient(CycladesNetworkClient.Service.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<CycladesNetworkClient>();
        services.TryAddSingleton<FloatingIpPools>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynnefoTranslator, CycladesNetworks>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynnefoTranslator, NetworkInterfaces>());
    }
}
