using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Core.Registry;
using Occi.Core.StoreContracts;
using Occi.Server.Auth;
using Occi.Server.Background;
using Occi.Server.Cloudkeeper;
using Occi.Server.Entities;
using Occi.Server.Http;
using Occi.Server.Operations;
using Occi.Server.RuntimeKinds;

namespace Occi.Server.Hosting;

internal static class OcciServiceCollectionExtensions
{
    /// <summary>Registers the OCCI server: the configured backend (behind Polly) and store, the model, renderings, operations.</summary>
    public static IServiceCollection AddOcciGateway(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound and checked at start (and when first read, which for the backend's pipeline may come earlier):
        // a bad value stops the start with its key's name.
        services.AddOptions<OcciOptions>().Bind(configuration.GetSection(OcciOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OcciOptions>, OcciOptionsValidator>();
        services.AddOptions<JsonDialectOptions>().Bind(configuration.GetSection(JsonDialectOptions.Section))
            .Validate(o => o.IsValid, $"{JsonDialectOptions.Section}:Dialect must be Auto, Occi11 or Occi12")
            .ValidateOnStart();

        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>();

        var defaults = new OcciOptions();
        services.AddOcciProviders(configuration);
        ComponentLoader.Register(services, configuration, "Occi.Storage.", nameof(OcciOptions.Store), defaults.Store);
        Decorate<IEntityStore>(services, TelemetrySetup.Measured);
        Decorate<IIntentStore>(services, (sp, inner) => new InstanceIntentStore(inner, sp.GetRequiredService<IntentOwnership>()));

        // Core categories only until start-up adds what the backend offers and the stored user mixins.
        services.AddSingleton(new CategoryRegistry([]));
        services.AddSingleton(RenderingSet.Create());
        services.AddSingleton<IntentOwnership>();
        services.AddSingleton<LocationGates>();
        services.AddSingleton<VisibleEntities>();
        services.AddSingleton<TenantQuotas>();
        services.AddSingleton<EntityReader>();
        services.AddSingleton<EntityCreator>();
        services.AddSingleton<EntityUpdater>();
        services.AddSingleton<EntityDeleter>();
        services.AddSingleton<EntityActions>();
        services.AddSingleton<MixinMembership>();
        services.AddSingleton<ProviderAssignments>();
        services.AddSingleton<KindChangeTurn>();
        services.AddSingleton<CategoryManager>();
        services.AddSingleton<QueryInterfaceOperations>();
        services.AddSingleton<CollectionOperations>();
        services.AddSingleton<EntityOperations>();
        services.AddSingleton<NamespaceOperations>();
        services.AddSingleton<QueryInterfaceCache>();
        services.AddSingleton<QuotaReport>();
        services.AddSingleton<StreamedResponses>();
        services.AddSingleton<OcciEndpoint>();
        services.AddHostedService<ModelLoader>();
        services.AddHostedService<RuntimeCategoryLoader>(); // after ModelLoader: runtime kinds name its categories
        services.AddHostedService<Reconciler>();
        services.AddHostedService<BackendChangeFollower>();
        services.AddCloudkeeper(configuration);
        services.AddSingleton<IntentCompletion>();
        services.AddSingleton<IIntentCloser>(sp => sp.GetRequiredService<IntentCompletion>());
        services.AddHostedService(sp => sp.GetRequiredService<IntentCompletion>());
        services.AddOcciAuthentication(configuration);
        services.AddOcciTelemetry(configuration);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Wraps what the configured component registered for <typeparamref name="TService"/>: every backend call
    /// goes through the Polly pipeline, whichever backend; every intent carries this gateway's instance, whichever store.
    /// </summary>
    internal static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap) where TService : class
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
