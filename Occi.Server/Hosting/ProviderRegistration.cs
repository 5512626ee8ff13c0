using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Server.Backends;
using Occi.Server.RuntimeKinds;

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
        services.AddSingleton<IProviderRouter>(Router(providers));
        return services;
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
