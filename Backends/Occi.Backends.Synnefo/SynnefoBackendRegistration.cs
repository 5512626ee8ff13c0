using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Occi.Backends.Synnefo.Compute;
using Occi.Backends.Synnefo.Http;
using Occi.Backends.Synnefo.Identity;
using Occi.Backends.Synnefo.Templates;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo;

/// <summary>
/// The entry point the server calls when Occi:Backend = Synnefo (Hosting/ComponentLoader), without naming any
/// backend type: binds Occi:Synnefo (checked at start), one named HttpClient per service, Astakos (the identity and
/// the <see cref="ICloudTokens"/> the Astakos auth scheme asks), the per-kind translators and the backend.
/// </summary>
public static class SynnefoBackendRegistration
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SynnefoOptions>().Bind(configuration.GetSection(SynnefoOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SynnefoOptions>, SynnefoOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SynnefoOptions>>().Value);

        // One named client per service (the OpenStack request path's names); the pipelines bound each request, not HttpClient.Timeout.
        foreach (var service in SynnefoServices.All)
            services.AddHttpClient(service.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<SynnefoHttp>();
        services.TryAddSingleton<AstakosClient>();
        services.TryAddSingleton<AstakosTokens>();
        services.TryAddSingleton<ICloudTokens>(sp => sp.GetRequiredService<AstakosTokens>());
        services.TryAddSingleton<SynnefoIdentity>();

        // The per-kind translators, one ISynnefoTranslator each: Compute/ registers here; synb's folders add theirs below it.
        AddCompute(services);
        Network.NetworkRegistration.AddNetwork(services, configuration);
        Storage.StorageRegistration.AddStorage(services, configuration);
        Quotas.QuotaRegistration.AddQuotas(services, configuration);

        services.TryAddSingleton<SynnefoBackend>();
        services.Replace(ServiceDescriptor.Singleton<ICloudBackend>(sp => sp.GetRequiredService<SynnefoBackend>()));
    }

    /// <summary>compute ↔ Cyclades server, os_tpl ↔ Plankton image, resource_tpl ↔ Cyclades flavor.</summary>
    private static void AddCompute(IServiceCollection services)
    {
        services.TryAddSingleton<CycladesClient>();
        services.TryAddSingleton<PlanktonClient>();
        services.TryAddSingleton<SynnefoTemplates>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynnefoTranslator, ComputeTranslator>());
    }
}
