using Occi.Core.StoreContracts;
using Occi.Storage.Contract;

namespace Occi.Storage.Mongo.Tests;

/// <summary>
/// A real MongoDB for one contract test, named by the OCCI_TEST_MONGODB environment variable (a connection
/// string; a replica set, since writes use majority write concern). Each test gets its own database, dropped
/// afterwards. Without the variable every test reports itself skipped.
/// </summary>
public sealed class MongoStoreUnderTest : IStoreUnderTest
{
    public const string ConnectionVariable = "OCCI_TEST_MONGODB";

    private MongoStoreDatabase? _database;

    public async Task<(IEntityStore Entities, ICategoryStore Categories, IIntentStore Intents)> OpenAsync()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
            Assert.Ignore($"no MongoDB to test against: set {ConnectionVariable} to a connection string to run the store contract on MongoDB");
        _database = new MongoStoreDatabase(new MongoStoreOptions { ConnectionString = connection!, Database = "occi_test_" + Guid.NewGuid().ToString("N")[..12] });
        await _database.EnsureIndexesAsync();
        return (new MongoEntityStore(_database), new MongoCategoryStore(_database), new MongoIntentStore(_database));
    }

    public async Task CloseAsync()
    {
        if (_database is null) return;
        await _database.Client.DropDatabaseAsync(_database.Database.DatabaseNamespace.DatabaseName);
        _database.Client.Dispose();
    }
}

// The store contracts (tests/Occi.Storage.Contract) against MongoDB.
public sealed class MongoEntityStoreContractTests : EntityStoreContract<MongoStoreUnderTest>;

public sealed class MongoCategoryStoreContractTests : CategoryStoreContract<MongoStoreUnderTest>;

public sealed class MongoIntentStoreContractTests : IntentStoreContract<MongoStoreUnderTest>;
