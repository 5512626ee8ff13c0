using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Compute;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.OpenStack.Templates;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack;

/// <summary>
/// The entry point the server calls when Occi:Backend = OpenStack (Hosting/ComponentLoader), without naming any
/// backend type: binds Occi:OpenStack (checked at start), one named HttpClient per service, the Keystone identity,
/// the per-kind translators and the backend.
/// </summary>
public static class OpenStackBackendRegistration
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenStackOptions>().Bind(configuration.GetSection(OpenStackOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenStackOptions>, OpenStackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OpenStackOptions>>().Value);

        // One named client per service; the pipelines bound each request (Polly's timeout), not HttpClient.Timeout.
        foreach (var type in new[] { "identity", "compute", "image", "volumev3", "network" })
            services.AddHttpClient("openstack." + type, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(sp => new ServicePipelines(sp.GetRequiredService<OpenStackOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<WritesInFlight>();
        services.TryAddSingleton<OpenStackHttp>();
        services.TryAddSingleton<KeystoneClient>();
        services.TryAddSingleton<OpenStackIdentity>();

        // The per-kind translators: one IKindTranslator each. Compute/ registers here; Storage/ and Network/ add theirs.
        AddCompute(services);
        Storage.StorageRegistration.AddStorage(services, configuration);
        Network.NetworkRegistration.AddNetwork(services, configuration);
        // Cloudkeeper's appliances as Glance images (the server's Occi:Cloudkeeper, when on, registers through them).
        Appliances.ApplianceRegistration.AddAppliances(services, configuration);

        // The change follower: every IChangeSource (Compute/NovaChanges; Storage/ and Network/ add theirs) keeps its read cache fresh.
        services.AddHostedService<ChangeFollower>();
        // What the sources saw change, announced to the server so the store (and so listings) follows the cloud.
        services.TryAddSingleton<ChangeAnnouncements>();
        services.TryAddSingleton<IBackendChanges>(sp => sp.GetRequiredService<ChangeAnnouncements>());
        services.TryAddSingleton<OpenStackBackend>();
        services.Replace(ServiceDescriptor.Singleton<ICloudBackend>(sp => sp.GetRequiredService<OpenStackBackend>()));
    }

    /// <summary>compute ↔ Nova server, os_tpl ↔ Glance image, resource_tpl ↔ Nova flavor.</summary>
    private static void AddCompute(IServiceCollection services)
    {
        services.TryAddSingleton<NovaClient>();
        services.TryAddSingleton<GlanceClient>();
        services.TryAddSingleton<TemplateCatalog>();
        services.TryAddSingleton<KnownServers>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKindTranslator, ComputeTranslator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSource, NovaChanges>());
    }
}
