using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Occi.Backends.Synnefo.Storage;

/// <summary>storage ↔ Cyclades volume and storagelink ↔ volume attachment: the block storage keys of Occi:Synnefo, the client, the two translators.</summary>
internal static class StorageRegistration
{
    public static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        OptionsBinding.Add<SynnefoVolumeOptions, SynnefoVolumeOptionsValidator>(services, configuration, SynnefoVolumeOptions.Section);
        services.AddHttpClient(CycladesVolumeClient.Service.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<CycladesVolumeClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynnefoTranslator, CycladesVolumes>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynnefoTranslator, VolumeAttachments>());
    }
}
