namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>Base of the tests that need one embedded store on a fresh data folder, closed after each test.</summary>
public abstract class StoreTest
{
    protected static readonly CancellationToken None = CancellationToken.None;

    private protected TempDataFolder Folder = null!;
    private protected EmbeddedDatabase Db = null!;
    private protected JournaledEntityStore Store = null!;

    [SetUp]
    public void OpenStore()
    {
        Folder = new TempDataFolder();
        Db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = Folder.Path, CheckpointInterval = Timeout.InfiniteTimeSpan });
        Store = new JournaledEntityStore(Db);
    }

    [TearDown]
    public void CloseStore()
    {
        Db.Dispose();
        Folder.Dispose();
    }
}
