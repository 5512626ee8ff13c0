using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Occi.Backends.Libvirt;
using Occi.Core.BackendContracts;

namespace Microsoft.Extensions.DependencyInjection;

public static class LibvirtServiceCollectionExtensions
{
    /// <summary>
    /// Binds Occi:Libvirt to <see cref="LibvirtOptions"/> (checked at start by <see cref="LibvirtOptionsValidator"/>), registers <see cref="LibvirtBackend"/> as the
    /// <see cref="ICloudBackend"/>, and the health check "libvirt" (<see cref="LibvirtHealthCheck"/>).
    /// </summary>
    public static IServiceCollection AddLibvirtBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LibvirtOptions>().Bind(configuration.GetSection(LibvirtOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibvirtOptions>, LibvirtOptionsValidator>());
        services.TryAddSingleton(sp => new LibvirtBackend(
            sp.GetRequiredService<IOptions<LibvirtOptions>>().Value,
            sp.GetService<ILogger<LibvirtBackend>>(), sp.GetService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<ICloudBackend>(sp => sp.GetRequiredService<LibvirtBackend>()));
        // Occi:Cloudkeeper registers AppDB appliances as image pool volumes (issue 16).
        services.Replace(ServiceDescriptor.Singleton<IApplianceImages>(sp => new LibvirtApplianceImages(sp.GetRequiredService<LibvirtBackend>())));
        services.AddHealthChecks().AddCheck<LibvirtHealthCheck>("libvirt");
        return services;
    }
}
