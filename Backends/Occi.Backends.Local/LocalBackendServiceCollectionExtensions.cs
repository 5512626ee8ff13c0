using Microsoft.Extensions.Configuration;
using Occi.Backends.Local;

namespace Microsoft.Extensions.DependencyInjection;

public static class LocalBackendServiceCollectionExtensions
{
    /// <summary>
    /// Registers the simulated cloud as the singleton <see cref="Occi.Core.BackendContracts.ICloudBackend"/> (and as
    /// <see cref="LocalBackend"/>, for failure injection), configured from <c>Occi:Local</c> and <c>Occi:DataPath</c>
    /// of the root <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddLocalBackend(this IServiceCollection services, IConfiguration configuration)
    {
        LocalBackendRegistration.AddTo(services, configuration);
        return services;
    }
}
