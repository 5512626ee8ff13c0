using Occi.Core.StoreContracts;
using Occi.Storage.Contract;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>The store contract against the embedded SQLite store in a fresh temporary folder per test.</summary>
public sealed class EmbeddedStoreContractTests : EntityStoreContract
{
    private TempDataFolder? _folder;
    private EmbeddedDatabase? _database;

    protected override Task<(IEntityStore Entities, ICategoryStore Categories, IIntentStore Intents)> OpenStoresAsync()
    {
        _folder = new TempDataFolder();
        _database = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = _folder.Path });
        return Task.FromResult<(IEntityStore, ICategoryStore, IIntentStore)>(
            (new JournaledEntityStore(_database), new SqliteCategoryStore(_database), new JournalIntentStore(_database)));
    }

    protected override Task CloseStoresAsync()
    {
        _database?.Dispose();
        _folder?.Dispose();
        return Task.CompletedTask;
    }
}
