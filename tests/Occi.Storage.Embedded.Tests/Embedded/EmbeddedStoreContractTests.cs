using Occi.Core.StoreContracts;
using Occi.Storage.Contract;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>The embedded SQLite store for one contract test, in a fresh temporary folder.</summary>
public sealed class EmbeddedStoreUnderTest : IStoreUnderTest
{
    private TempDataFolder? _folder;
    private EmbeddedDatabase? _database;

    public Task<(IEntityStore Entities, ICategoryStore Categories, IIntentStore Intents)> OpenAsync()
    {
        _folder = new TempDataFolder();
        _database = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = _folder.Path });
        return Task.FromResult<(IEntityStore, ICategoryStore, IIntentStore)>(
            (new JournaledEntityStore(_database), new SqliteCategoryStore(_database), new JournalIntentStore(_database)));
    }

    public Task CloseAsync()
    {
        _database?.Dispose();
        _folder?.Dispose();
        return Task.CompletedTask;
    }
}

// The store contracts (tests/Occi.Storage.Contract) against the embedded store.
public sealed class EmbeddedEntityStoreContractTests : EntityStoreContract<EmbeddedStoreUnderTest>;

public sealed class EmbeddedCategoryStoreContractTests : CategoryStoreContract<EmbeddedStoreUnderTest>;

public sealed class EmbeddedIntentStoreContractTests : IntentStoreContract<EmbeddedStoreUnderTest>;
