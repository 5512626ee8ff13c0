using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Documents;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>What the embedded store adds to the contract: a durable file that survives restarts, in WAL mode, migrated, owned by one process.</summary>
public sealed class EmbeddedDatabaseTests
{
    private TempDataFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDataFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private EmbeddedDatabase Open() => EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = _folder.Path });

    [Test]
    public async Task Entities_and_user_mixins_survive_closing_and_reopening_the_store()
    {
        using (var db = Open())
        {
            var c = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
            await new JournaledEntityStore(db).PutAsync(c, "alice", null, CancellationToken.None);
            await new SqliteCategoryStore(db).PutUserMixinAsync(
                new Mixin("http://example.org/tags#", "blue", location: "/mixins/blue/", isUserDefined: true), CancellationToken.None);
        }
        using (var db = Open())
        {
            var record = await new JournaledEntityStore(db).GetAsync("/compute/c1", CancellationToken.None);
            Assert.That((record?.Entity.Id, record?.Owner, record?.Version), Is.EqualTo(("c1", "alice", 1L)));
            Assert.That((await new SqliteCategoryStore(db).ListUserMixinsAsync(CancellationToken.None)).Single().Term, Is.EqualTo("blue"));
        }
    }

    [Test]
    public async Task Open_intents_survive_closing_and_reopening_the_store()
    {
        var intent = new Intent("i1", "delete", "/compute/c1", "b-1", "alice", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        using (var db = Open()) await new JournalIntentStore(db).WriteAsync(intent, CancellationToken.None);
        using (var db = Open())
            Assert.That(await new JournalIntentStore(db).ListOpenAsync(CancellationToken.None), Is.EqualTo(new[] { intent }));
    }

    [Test]
    public void The_file_is_in_WAL_mode()
    {
        using (Open()) { }
        Assert.That(SqliteFile.Scalar(Path.Combine(_folder.Path, "occi.db"), "PRAGMA journal_mode"), Is.EqualTo("wal"));
    }

    [Test]
    public void The_applied_schema_version_is_recorded()
    {
        using (Open()) { }
        Assert.That(SqliteFile.Scalar(Path.Combine(_folder.Path, "occi.db"), "SELECT MAX(version) FROM schema_version"),
            Is.EqualTo((long)SchemaMigrations.Latest));
    }

    [Test]
    public void Reopening_applies_no_migration_twice()
    {
        using (Open()) { }
        using (Open()) { }
        Assert.That(SqliteFile.Scalar(Path.Combine(_folder.Path, "occi.db"), "SELECT COUNT(*) FROM schema_version"),
            Is.EqualTo((long)SchemaMigrations.Latest));
    }

    [Test]
    public async Task A_file_of_schema_version_1_is_migrated_on_open_and_keeps_its_entities()
    {
        var file = Path.Combine(_folder.Path, "occi.db");
        SqliteFile.Scalar(file, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        SqliteFile.Scalar(file, SchemaMigrations.Steps[0]);
        SqliteFile.Scalar(file, "INSERT INTO schema_version VALUES (1, 'then')");
        var c = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
        SqliteFile.Scalar(file, $"INSERT INTO entities (location, id, kind, version, doc) VALUES ('/compute/c1', 'c1', '{Compute.Kind.Id}', 1, '{EntityDocumentCodec.EncodeToString(c)}')");

        using var db = Open();
        Assert.That(SqliteFile.Scalar(file, "SELECT MAX(version) FROM schema_version"), Is.EqualTo((long)SchemaMigrations.Latest));
        Assert.That(await new JournaledEntityStore(db).GetAsync("/compute/c1", CancellationToken.None), Is.Not.Null);
        await new JournalIntentStore(db).WriteAsync(new Intent("i1", "create", "/compute/c2", null, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
    }

    [Test]
    public void The_unused_intents_table_is_gone_after_migration()
    {
        using (Open()) { }
        Assert.That(SqliteFile.Scalar(Path.Combine(_folder.Path, "occi.db"), "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'intents%'"), Is.EqualTo(0L));
    }

    [Test]
    public void A_file_from_a_newer_gateway_is_refused()
    {
        using (Open()) { }
        SqliteFile.Scalar(Path.Combine(_folder.Path, "occi.db"), "INSERT INTO schema_version VALUES (999, 'future')");
        Assert.That(Open, Throws.InvalidOperationException.With.Message.Contains("999"));
    }

    [Test]
    public void A_second_store_on_the_same_folder_is_refused_with_a_clear_message()
    {
        using var first = Open();
        Assert.That(Open, Throws.InvalidOperationException.With.Message.Contains("in use by another OcciGateway process"));
    }

    [Test]
    public void The_folder_is_free_again_once_the_store_is_closed()
    {
        Open().Dispose();
        Assert.That(() => Open().Dispose(), Throws.Nothing);
    }

    [Test]
    public async Task AddEmbeddedStore_registers_both_stores_on_one_file_under_Occi_DataPath()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Occi:DataPath"] = _folder.Path }).Build();
        await using (var provider = new ServiceCollection().AddEmbeddedStore(config).BuildServiceProvider())
        {
            var entities = provider.GetRequiredService<IEntityStore>();
            Assert.That(provider.GetRequiredService<ICategoryStore>(), Is.TypeOf<SqliteCategoryStore>());
            Assert.That(provider.GetRequiredService<IIntentStore>(), Is.TypeOf<JournalIntentStore>());
            await entities.PutAsync(new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" }, null, null, CancellationToken.None);
        }
        Assert.That(File.Exists(Path.Combine(_folder.Path, "occi.db")), Is.True);
        using var reopened = Open(); // disposing the container released the folder
        Assert.That(await new JournaledEntityStore(reopened).GetAsync("/compute/c1", CancellationToken.None), Is.Not.Null);
    }
}
