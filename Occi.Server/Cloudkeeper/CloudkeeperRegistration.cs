using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Registry;
using Occi.Server.Auth;
using Occi.Server.Auth.Tenancy;

namespace Occi.Server.Cloudkeeper;

internal static class CloudkeeperRegistration
{
    /// <summary>
    /// Occi:Cloudkeeper: the options (checked at start), and the endpoint, which when enabled builds the catalog,
    /// staging and sync from the backend's <see cref="IApplianceImages"/>. Registered after the model loader, so
    /// appliances join a model that already holds the backend's categories.
    /// </summary>
    public static IServiceCollection AddCloudkeeper(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CloudkeeperOptions>().Bind(configuration.GetSection(CloudkeeperOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudkeeperOptions>, CloudkeeperOptionsValidator>();
        services.AddOptions<DataPathOptions>().Bind(configuration.GetSection(DataPathOptions.Section));
        services.AddSingleton(sp => new ApplianceCatalog(Path.GetFullPath(sp.GetRequiredService<IOptions<DataPathOptions>>().Value.Folder)));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CloudkeeperOptions>>().Value;
            var folder = o.StagingFolder.Length > 0 ? o.StagingFolder
                : Path.Combine(sp.GetRequiredService<IOptions<DataPathOptions>>().Value.Folder, "cloudkeeper-staging");
            // The timeout bounds each fetch by TimeProvider; HttpClient's own is off so one clock decides.
            var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            return new ImageStaging(Path.GetFullPath(folder), http, TimeSpan.FromSeconds(o.RemoteTimeoutSeconds), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            // With authentication off every caller is one tenant, and sees every appliance.
            var everyone = !sp.GetRequiredService<EnabledAuthSchemes>().Any;
            var rules = sp.GetRequiredService<TenancyRules>();
            return new ApplianceSync(sp.GetRequiredService<ApplianceCatalog>(), sp.GetRequiredService<IApplianceImages>(),
                sp.GetRequiredService<ImageStaging>(), sp.GetRequiredService<CategoryRegistry>(),
                vo => everyone ? null : rules.TenantsOfVo(vo), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ApplianceSync>>());
        });
        services.AddSingleton<CloudkeeperEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<CloudkeeperEndpoint>());
        return services;
    }
}
