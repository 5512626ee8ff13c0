using MongoDB.Driver;
using Occi.Core.StoreContracts;
using Occi.Storage.Contract;

namespace Occi.Storage.Mongo.Tests;

/// <summary>
/// The store contract against a real MongoDB, named by the OCCI_TEST_MONGODB environment variable (a
/// connection string; a replica set, since writes use majority write concern). Each test gets its own
/// database, dropped afterwards. Without the variable every test reports itself skipped.
/// </summary>
public sealed class MongoStoreContractTests : EntityStoreContract
{
    public const string ConnectionVariable = "OCCI_TEST_MONGODB";

    private MongoStoreDatabase? _database;

    protected override async Task<(IEntityStore Entities, ICategoryStore Categories, IIntentStore Intents)> OpenStoresAsync()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
            Assert.Ignore($"no MongoDB to test against: set {ConnectionVariable} to a connection string to run the store contract on MongoDB");
        _database = new MongoStoreDatabase(new MongoStoreOptions { ConnectionString = connection!, Database = "occi_test_" + Guid.NewGuid().ToString("N")[..12] });
        await _database.EnsureIndexesAsync();
        return (new MongoEntityStore(_database), new MongoCategoryStore(_database), new MongoIntentStore(_database));
    }

    protected override async Task CloseStoresAsync()
    {
        if (_database is null) return;
        await _database.Client.DropDatabaseAsync(_database.Database.DatabaseNamespace.DatabaseName);
        _database.Client.Dispose();
    }
}
