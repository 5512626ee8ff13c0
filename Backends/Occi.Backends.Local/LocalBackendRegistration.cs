using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Local;

/// <summary>
/// The server finds backends by convention: a static <c>…Registration</c> class with
/// <c>Register(IServiceCollection, IConfiguration)</c>, so it never names a backend type.
/// </summary>
public static class LocalBackendRegistration
{
    public static void Register(IServiceCollection services, IConfiguration configuration) => services.AddLocalBackend(configuration);

    internal static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        // Bound and checked at start: a value out of range or of the wrong type stops the start naming its key.
        services.AddOptions<DataPathOptions>().Bind(configuration.GetSection(DataPathOptions.Section));
        services.AddOptions<LocalBackendOptions>()
            .Bind(configuration.GetSection(LocalBackendOptions.Section))
            .Configure<IOptions<DataPathOptions>>((o, data) => o.DataPath = data.Value.Folder)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalBackendOptions>, LocalBackendOptionsValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LocalBackendOptions>>().Value);
        services.AddSingleton(sp => new LocalBackend(sp.GetRequiredService<LocalBackendOptions>(), sp.GetService<TimeProvider>(), sp.GetService<ILogger<LocalBackend>>()));
        services.AddSingleton<ICloudBackend>(sp => sp.GetRequiredService<LocalBackend>());
        // Occi:Cloudkeeper registers AppDB appliances here (issue 16).
        services.AddSingleton<IApplianceImages>(sp => new LocalApplianceImages(sp.GetRequiredService<LocalBackend>()));
    }
}
