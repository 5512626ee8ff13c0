using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Occi.Core;
using Occi.Core.StoreContracts;
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
        // Bound and checked at start: a typo ("DurableCommits=ture", "DurableComits") stops the start with the
        // key's name instead of silently running without durability.
        services.AddOptions<DataPathOptions>().Bind(config.GetSection(DataPathOptions.Section));
        services.AddOptions<EmbeddedStoreOptions>()
            .Bind(config.GetSection(EmbeddedStoreOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .Configure<IOptions<DataPathOptions>>((o, data) => o.DataPath = data.Value.Folder)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataPath), "Occi:DataPath must name a folder")
            .Validate(o => o.SnapshotJournalMiB >= 0, $"{EmbeddedStoreOptions.Section}:{nameof(EmbeddedStoreOptions.SnapshotJournalMiB)} must be 0 (only at a clean close) or more MiB")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value);
        services.TryAddSingleton(sp => EmbeddedDatabase.Open(sp.GetRequiredService<EmbeddedStoreOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<JournaledEntityStore>();
        services.TryAddSingleton<SqliteCategoryStore>();
        services.TryAddSingleton<JournalIntentStore>();
        services.AddSingleton<IEntityStore>(sp => sp.GetRequiredService<JournaledEntityStore>());
        services.AddSingleton<ICategoryStore>(sp => sp.GetRequiredService<SqliteCategoryStore>());
        services.AddSingleton<IIntentStore>(sp => sp.GetRequiredService<JournalIntentStore>());
        services.AddHealthChecks().AddCheck<EmbeddedStoreHealthCheck>("embedded-store");
        return services;
    }
}
