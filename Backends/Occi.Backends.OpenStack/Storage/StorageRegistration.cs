using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Changes;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>storage ↔ Cinder volume and storagelink ↔ Nova volume attachment: the Cinder keys of Occi:OpenStack, the clients, the two translators.</summary>
internal static class StorageRegistration
{
    public static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenStackVolumeOptions>().Bind(configuration.GetSection(OpenStackVolumeOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenStackVolumeOptions>, OpenStackVolumeOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OpenStackVolumeOptions>>().Value);
        services.TryAddSingleton<CinderClient>();
        services.TryAddSingleton<NovaVolumeAttachments>();
        services.TryAddSingleton<KnownVolumes>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSource, CinderChanges>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindTranslator, CinderVolumes>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindTranslator, VolumeAttachments>());
    }
}
