using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Core.StoreContracts;
using Occi.Storage.Mongo;

namespace Microsoft.Extensions.DependencyInjection;

public static class MongoStoreRegistration
{
    /// <summary>
    /// Registers the MongoDB store as the singleton <see cref="IEntityStore"/>, <see cref="ICategoryStore"/>
    /// and <see cref="IIntentStore"/>.
    /// Reads <c>Occi:Mongo:ConnectionString</c> (required) and <c>Occi:Mongo:Database</c> (default "occi").
    /// Nothing connects until the first operation, which also creates the indexes.
    /// </summary>
    public static IServiceCollection AddMongoStore(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MongoStoreOptions>()
            .Bind(config.GetSection(MongoStoreOptions.Section))
            .PostConfigure(o => o.Database = o.Database is { Length: > 0 } name ? name : MongoStoreOptions.DefaultDatabase)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), MongoStoreDatabase.ConnectionStringRequired)
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MongoStoreOptions>>().Value);
        services.TryAddSingleton(sp => new MongoStoreDatabase(sp.GetRequiredService<MongoStoreOptions>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<MongoEntityStore>();
        services.TryAddSingleton<MongoCategoryStore>();
        services.TryAddSingleton<MongoIntentStore>();
        services.AddSingleton<IEntityStore>(sp => sp.GetRequiredService<MongoEntityStore>());
        services.AddSingleton<ICategoryStore>(sp => sp.GetRequiredService<MongoCategoryStore>());
        services.AddSingleton<IIntentStore>(sp => sp.GetRequiredService<MongoIntentStore>());
        return services;
    }
}
