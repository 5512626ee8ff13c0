using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Occi.Core.Backends;

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
        var options = LocalBackendOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(sp => new LocalBackend(options, sp.GetService<TimeProvider>(), sp.GetService<ILogger<LocalBackend>>()));
        services.AddSingleton<ICloudBackend>(sp => sp.GetRequiredService<LocalBackend>());
    }
}
