using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Templates;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// Cloudkeeper's appliances in Glance: Occi:OpenStack:Appliances (checked at start), the VO → project sessions, the
/// Glance and Nova calls, and the backend's <see cref="IApplianceImages"/>, which the server's Occi:Cloudkeeper uses
/// when it is enabled.
/// </summary>
internal static class ApplianceRegistration
{
    public static void AddAppliances(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenStackApplianceOptions>().Bind(configuration.GetSection(OpenStackApplianceOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenStackApplianceOptions>>(new OpenStackApplianceOptionsValidator(configuration)));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OpenStackApplianceOptions>>().Value);
        services.TryAddSingleton<ApplianceImageIds>();
        services.TryAddSingleton<ApplianceProjects>();
        services.TryAddSingleton<GlanceRegistrations>();
        services.TryAddSingleton<NovaImageUse>();
        services.TryAddSingleton<OpenStackApplianceImages>();
        services.Replace(ServiceDescriptor.Singleton<IApplianceImages>(sp => sp.GetRequiredService<OpenStackApplianceImages>()));
    }
}
