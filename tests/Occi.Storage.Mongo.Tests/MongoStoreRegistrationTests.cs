using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Mongo.Tests;

public sealed class MongoStoreRegistrationTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddMongoStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Test]
    public void AddMongoStore_registers_both_stores_reading_the_Occi_Mongo_keys_without_connecting()
    {
        using var provider = Provider(new() { ["Occi:Mongo:ConnectionString"] = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100", ["Occi:Mongo:Database"] = "gw" });
        Assert.That(provider.GetRequiredService<IEntityStore>(), Is.TypeOf<MongoEntityStore>());
        Assert.That(provider.GetRequiredService<ICategoryStore>(), Is.TypeOf<MongoCategoryStore>());
        Assert.That(provider.GetRequiredService<IIntentStore>(), Is.TypeOf<MongoIntentStore>());
        Assert.That(provider.GetRequiredService<MongoStoreDatabase>().Database.DatabaseNamespace.DatabaseName, Is.EqualTo("gw"));
    }

    [Test]
    public void Database_name_defaults_to_occi()
    {
        using var provider = Provider(new() { ["Occi:Mongo:ConnectionString"] = "mongodb://127.0.0.1:1" });
        Assert.That(provider.GetRequiredService<MongoStoreDatabase>().Database.DatabaseNamespace.DatabaseName, Is.EqualTo("occi"));
    }

    [Test]
    public void A_missing_connection_string_is_reported_by_its_key()
    {
        using var provider = Provider(new());
        Assert.That(() => provider.GetRequiredService<IEntityStore>(),
            Throws.InstanceOf<Microsoft.Extensions.Options.OptionsValidationException>().With.Message.Contains("Occi:Mongo:ConnectionString"));
    }

    [Test]
    public void An_empty_database_name_means_occi()
    {
        using var provider = Provider(new() { ["Occi:Mongo:ConnectionString"] = "mongodb://127.0.0.1:1", ["Occi:Mongo:Database"] = "" });
        Assert.That(provider.GetRequiredService<MongoStoreDatabase>().Database.DatabaseNamespace.DatabaseName, Is.EqualTo("occi"));
    }

    [Test]
    public void Writes_use_majority_write_concern()
    {
        using var provider = Provider(new() { ["Occi:Mongo:ConnectionString"] = "mongodb://127.0.0.1:1" });
        Assert.That(provider.GetRequiredService<MongoStoreDatabase>().Database.Settings.WriteConcern, Is.EqualTo(MongoDB.Driver.WriteConcern.WMajority));
    }
}
