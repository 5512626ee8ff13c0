using Occi.Core.StoreContracts;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// What the tests of the view's snapshot share: a data folder per test, its snapshot's path, and a reopen that checks
/// where the view came from (the snapshot, or SQLite once the snapshot is removed) before it answers.
/// </summary>
public abstract class SnapshotFolderTest
{
    private protected static readonly CancellationToken None = CancellationToken.None;

    private protected TempDataFolder Folder { get; private set; } = null!;

    private protected string SnapshotPath => Path.Combine(Folder.Path, ViewSnapshot.FileName);

    [SetUp]
    public void CreateFolder() => Folder = new TempDataFolder();

    [TearDown]
    public void DeleteFolder() => Folder.Dispose();

    /// <summary>The database on the folder, as the fixture's tests open it.</summary>
    private protected abstract EmbeddedDatabase Open();

    /// <summary>Opens the folder, checks where its view came from and returns its answers; the close writes a snapshot again.</summary>
    private protected async Task<T> ReopenedAsync<T>(string expectedSource, Func<IEntityStore, Task<T>> answers)
    {
        using var db = Open();
        Assert.That(db.ViewSource, Is.EqualTo(expectedSource));
        return await answers(new JournaledEntityStore(db));
    }

    /// <summary>The answers of the view loaded from SQLite: the snapshot removed first.</summary>
    private protected Task<T> FromSqliteAsync<T>(Func<IEntityStore, Task<T>> answers)
    {
        File.Delete(SnapshotPath);
        return ReopenedAsync("SQLite", answers);
    }
}
