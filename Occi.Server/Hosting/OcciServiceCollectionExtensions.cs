using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Core.Backends;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Entities;
using Occi.Server.Http;
using Occi.Server.Operations;

namespace Occi.Server.Hosting;

internal static class OcciServiceCollectionExtensions
{
    /// <summary>Registers the OCCI server: the configured backend (behind Polly) and store, the model, renderings, operations.</summary>
    public static IServiceCollection AddOcciGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OcciOptions.Section);
        services.AddOptions<OcciOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OcciOptions>, OcciOptionsValidator>();
        var options = section.Get<OcciOptions>() ?? new OcciOptions();
        // Checked here as well: the backend's pipeline is built from these values before start-up validation runs.
        if (new OcciOptionsValidator().Validate(null, options) is { Failed: true } invalid)
            throw new OptionsValidationException(OcciOptions.Section, typeof(OcciOptions), invalid.Failures);

        ComponentLoader.Register(services, configuration, "Occi.Backends.", options.Backend, "Backend");
        ComponentLoader.Register(services, configuration, "Occi.Storage.", options.Store, "Store");
        Decorate<ICloudBackend>(services, (sp, inner) => new ResilientBackend(inner, options.Resilience, sp.GetService<TimeProvider>()));
        Decorate<IIntentStore>(services, (sp, inner) => new InstanceIntentStore(inner, sp.GetRequiredService<IntentOwnership>()));

        // Core categories only until start-up adds what the backend offers and the stored user mixins.
        services.AddSingleton(new CategoryRegistry([]));
        services.AddSingleton(RenderingSet.Create());
        JsonDialectOptions.Register(services, configuration);
        services.AddSingleton<IntentOwnership>();
        services.AddSingleton<LocationGates>();
        services.AddSingleton<EntityService>();
        services.AddSingleton<QueryInterfaceOperations>();
        services.AddSingleton<CollectionOperations>();
        services.AddSingleton<EntityOperations>();
        services.AddSingleton<NamespaceOperations>();
        services.AddSingleton<QueryInterfaceCache>();
        services.AddSingleton<StreamedResponses>();
        services.AddSingleton<OcciEndpoint>();
        services.AddHostedService<ModelLoader>();
        services.AddHostedService<Reconciler>();
        services.AddSingleton<IntentCompletion>();
        services.AddHostedService(sp => sp.GetRequiredService<IntentCompletion>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Wraps what the configured component registered for <typeparamref name="TService"/>: every backend call
    /// goes through the Polly pipeline, whichever backend; every intent carries this gateway's instance, whichever store.
    /// </summary>
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap) where TService : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"the configured components registered no {typeof(TService).Name}");
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var inner = registered switch
            {
                { ImplementationInstance: TService instance } => instance,
                { ImplementationFactory: { } factory } => (TService)factory(sp),
                { ImplementationType: { } type } => (TService)ActivatorUtilities.CreateInstance(sp, type),
                _ => throw new InvalidOperationException($"cannot build the configured {typeof(TService).Name}"),
            };
            return wrap(sp, inner);
        });
    }
}
