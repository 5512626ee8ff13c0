using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.Synnefo.Compute;
using Occi.Backends.Synnefo.Http;
using Occi.Backends.Synnefo.Identity;
using Occi.Backends.Synnefo.Templates;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo;

/// <summary>
/// The entry point the server calls when Occi:Backend = Synnefo (Hosting/ComponentLoader), without naming any
/// backend type: binds Occi:Synnefo (checked at start), one named HttpClient per service, Astakos (the identity and
/// the <see cref="ICloudTokens"/> the Astakos auth scheme asks), the per-kind translators, the servers' read cache with
/// its change follower, and the backend.
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

        AddChangeFollower(services);

        services.TryAddSingleton<SynnefoBackend>();
        services.Replace(ServiceDescriptor.Singleton<ICloudBackend>(sp => sp.GetRequiredService<SynnefoBackend>()));
    }

    /// <summary>
    /// The OpenStack backend's change follower on Cyclades' servers (<see cref="CycladesChanges"/>), as the configured
    /// token's user; its sources given here rather than as the container's IChangeSources, which an OpenStack backend
    /// beside this one sweeps with its own account. What it sees change is announced to the server (IBackendChanges).
    /// </summary>
    private static void AddChangeFollower(IServiceCollection services)
    {
        services.TryAddSingleton<ChangeAnnouncements>();
        services.TryAddSingleton<IBackendChanges>(sp => sp.GetRequiredService<ChangeAnnouncements>());
        services.AddSingleton<IHostedService>(sp =>
        {
            var options = sp.GetRequiredService<SynnefoOptions>();
            return new ChangeFollower(options.StalenessSeconds > 0 ? sp.GetRequiredService<SynnefoIdentity>().Service : null, [sp.GetRequiredService<CycladesChanges>()],
                options.StalenessSeconds, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ChangeFollower>>(),
                $"{SynnefoOptions.Section}:Token, with StalenessSeconds above 0", sp.GetRequiredService<SynnefoHttp>().Writes);
        });
    }

    /// <summary>compute ↔ Cyclades server, os_tpl ↔ Plankton image, resource_tpl ↔ Cyclades flavor.</summary>
    private static void AddCompute(IServiceCollection services)
    {
        services.TryAddSingleton<CycladesClient>();
        // The servers' read cache: a DELETED server is gone.
        services.TryAddSingleton(sp => new KnownObjects<CycladesServer>(TimeSpan.FromSeconds(sp.GetRequiredService<SynnefoOptions>().StalenessSeconds),
            sp.GetRequiredService<TimeProvider>(), isGone: ServerStatus.IsGone));
        services.TryAddSingleton<CycladesChanges>();
        services.TryAddSingleton<PlanktonClient>();
        services.TryAddSingleton<SynnefoTemplates>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynnefoTranslator, ComputeTranslator>());
    }
}
