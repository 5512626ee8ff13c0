using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Server.Backends;
using Occi.Server.RuntimeKinds;
using Occi.Server.Telemetry;

namespace Occi.Server.Hosting;

/// <summary>
/// Registers the backend side of the gateway (issue 19): the one backend <c>Occi:Backend</c> names, or every
/// provider of <c>Occi:Providers</c> behind their union, and in either case the <see cref="IProviderRouter"/>.
/// </summary>
internal static class ProviderRegistration
{
    public static IServiceCollection AddOcciProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvidersOptions>().Bind(configuration.GetSection(ProvidersOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProvidersOptionsValidator>();

        // Which providers exist decides what is registered: read (and checked) here, before any container exists.
        var providers = configuration.GetSection(ProvidersOptions.Section).Get<ProvidersOptions>() ?? new ProvidersOptions();
        if (ProvidersOptionsValidator.Problems(providers) is [_, ..] problems)
            throw new OptionsValidationException(ProvidersOptions.Section, typeof(ProvidersOptions), problems);

        var defaults = new OcciOptions();
        if (providers.Providers.Count == 0)
        {
            ComponentLoader.Register(services, configuration, "Occi.Backends.", nameof(OcciOptions.Backend), defaults.Backend);
            // Runtime kinds no provider serves are answered by StoreOnlyKinds (issue 19): inside the pipeline, so the breaker
            // gauge and readiness still find it outermost, and outside the measurement, as no cloud is called for them.
            OcciServiceCollectionExtensions.Decorate<ICloudBackend>(services, (sp, inner) =>
                new ResilientBackend(StoreOnlyKinds.Around(sp, TelemetrySetup.Measured(sp, inner)), sp.GetRequiredService<IOptions<OcciOptions>>().Value.Resilience, sp.GetRequiredService<TimeProvider>()));
            var single = (configuration[$"{OcciOptions.Section}:{nameof(OcciOptions.Backend)}"] ?? defaults.Backend).ToLowerInvariant();
            services.AddSingleton<IProviderRouter>(ProviderRouter.Single(single));
            return services;
        }
        var router = Router(providers);
        services.AddSingleton<IProviderRouter>(router);
        services.AddSingleton(sp => Build(sp, configuration, providers, router.DefaultProvider));
        // Runtime kinds no provider serves are the store's alone here too; each provider's breaker is its own, inside.
        services.AddSingleton<ICloudBackend>(sp => StoreOnlyKinds.Around(sp,
            new ProviderUnion(sp.GetRequiredService<ProviderSet>(), router, sp.GetRequiredService<ILogger<ProviderUnion>>())));
        services.AddSingleton<IBackendChanges>(sp => new ProviderChanges(sp.GetRequiredService<ProviderSet>()));
        // Cloudkeeper's appliances go to the default provider, when its backend can hold them.
        services.AddSingleton(sp => sp.GetRequiredService<ProviderSet>().Default.Services.GetService<IApplianceImages>()!);
        services.AddHostedService<ProviderHosting>();
        var checks = services.AddHealthChecks();
        foreach (var name in router.Providers)
            checks.Add(new HealthCheckRegistration("provider " + name,
                sp => ActivatorUtilities.CreateInstance<ProviderReadiness>(sp, sp.GetRequiredService<ProviderSet>().Find(name)!),
                HealthStatus.Degraded, [TelemetrySetup.ReadyTag]));
        return services;
    }

    /// <summary>
    /// Builds every provider: a container of its own, in which its backend registers itself from its configuration
    /// view (loaded by name, as one backend is), sharing the server's clock, logging and meters; then its
    /// <see cref="ResilientBackend"/> (its own breaker) around its measured backend (metrics tagged with its name).
    /// Options its backend binds are checked here, named as the provider's keys.
    /// </summary>
    private static ProviderSet Build(IServiceProvider root, IConfiguration configuration, ProvidersOptions options, string defaultProvider)
    {
        var resilience = root.GetRequiredService<IOptions<OcciOptions>>().Value.Resilience;
        var time = root.GetRequiredService<TimeProvider>();
        var built = new List<Provider>();
        foreach (var (name, provider) in options.Providers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var view = ProviderConfiguration.For(configuration, name, provider);
            var own = new ServiceCollection();
            own.AddSingleton(time);
            own.AddSingleton(root.GetRequiredService<ILoggerFactory>());
            own.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            if (root.GetService<IMeterFactory>() is { } meters) own.AddSingleton(meters);
            own.AddSingleton<IConfiguration>(view);
            own.AddOptions();
            ComponentLoader.Load(own, view, "Occi.Backends.", provider.Backend, $"{ProvidersOptions.Section}:Providers:{name}:Backend");
            var services = own.BuildServiceProvider();
            try
            {
                services.GetService<IStartupValidator>()?.Validate();
            }
            catch (OptionsValidationException e)
            {
                services.Dispose();
                throw new OptionsValidationException(e.OptionsName, e.OptionsType,
                    e.Failures.Select(f => f.Replace("Occi:", $"{ProvidersOptions.Section}:Providers:{name}:", StringComparison.Ordinal)));
            }
            var backend = services.GetRequiredService<ICloudBackend>();
            built.Add(new Provider(name, new ResilientBackend(TelemetrySetup.Measured(root, backend, name), resilience, time, name), provider.BridgesProviders, services));
        }
        return new ProviderSet(built, defaultProvider);
    }

    private static ProviderRouter Router(ProvidersOptions options)
    {
        var claims = new Dictionary<CategoryId, string>();
        foreach (var (name, provider) in options.Providers)
            foreach (var text in provider.Kinds)
                if (ProvidersOptionsValidator.TryParseKind(text, out var kind)) claims[kind] = name;
        var preferred = options.Providers.FirstOrDefault(p => p.Value.Default).Key;
        return new ProviderRouter(options.Providers.Keys, preferred, claims);
    }
}
