using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Occi.Core.Storage;
using Occi.Storage.Embedded;

namespace Microsoft.Extensions.DependencyInjection;

public static class EmbeddedStoreRegistration
{
    /// <summary>
    /// Registers the embedded SQLite store as the singleton <see cref="IEntityStore"/>,
    /// <see cref="ICategoryStore"/> and <see cref="IIntentStore"/>. Reads <c>Occi:DataPath</c> (default ./data) and
    /// <c>Occi:Embedded:DurableCommits</c> (default false: synchronous=NORMAL, see
    /// <see cref="EmbeddedStoreOptions.DurableCommits"/>). The file is opened, locked
    /// and migrated when the first store is resolved, and released when the container is disposed. The
    /// health check "embedded-store" reports it degraded while SQLite refuses journaled writes.
    /// </summary>
    public static IServiceCollection AddEmbeddedStore(this IServiceCollection services, IConfiguration config)
    {
        var options = new EmbeddedStoreOptions
        {
            DataPath = config["Occi:DataPath"] is { Length: > 0 } path ? path : "./data",
            DurableCommits = bool.TryParse(config["Occi:Embedded:DurableCommits"], out var durable) && durable,
        };
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => EmbeddedDatabase.Open(sp.GetRequiredService<EmbeddedStoreOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        services.TryAddSingleton<SqliteEntityStore>();
        services.TryAddSingleton<SqliteCategoryStore>();
        services.TryAddSingleton<JournalIntentStore>();
        services.AddSingleton<IEntityStore>(sp => sp.GetRequiredService<SqliteEntityStore>());
        services.AddSingleton<ICategoryStore>(sp => sp.GetRequiredService<SqliteCategoryStore>());
        services.AddSingleton<IIntentStore>(sp => sp.GetRequiredService<JournalIntentStore>());
        services.AddHealthChecks().AddCheck<EmbeddedStoreHealthCheck>("embedded-store");
        return services;
    }
}
