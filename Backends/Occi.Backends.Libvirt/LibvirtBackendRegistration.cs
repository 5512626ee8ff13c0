using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Occi.Backends.Libvirt;

/// <summary>The conventional entry point the server calls when Occi:Backend = Libvirt, without naming any backend type.</summary>
public static class LibvirtBackendRegistration
{
    public static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddLibvirtBackend(configuration);
}
