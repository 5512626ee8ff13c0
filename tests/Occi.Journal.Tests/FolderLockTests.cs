namespace Occi.Journal.Tests;

/// <summary>One writer per folder: a second holder is refused, in this process or another, until the first lets go or dies.</summary>
[NonParallelizable]
public sealed class FolderLockTests
{
    private static async Task<Child> StartHolderAsync(TempFolder folder)
    {
        var holder = Child.Start("lock", folder.Path);
        Assert.That(await holder.ReadLineAsync(), Is.EqualTo("locked"));
        return holder;
    }

    [Test]
    public void A_second_lock_on_the_same_file_is_refused_until_the_first_is_released()
    {
        using var folder = new TempFolder();
        var first = FolderLock.Acquire(folder.Path, "test.lock");
        var refused = Assert.Throws<FolderLockedException>(() => FolderLock.Acquire(folder.Path, "test.lock"))!;
        Assert.That(refused.LockPath, Is.EqualTo(folder.File("test.lock")));
        first.Dispose();
        Assert.That(() => FolderLock.Acquire(folder.Path, "test.lock").Dispose(), Throws.Nothing);
    }

    [Test]
    public async Task Another_process_holding_the_lock_refuses_this_one_until_it_exits()
    {
        using var folder = new TempFolder();
        using var holder = await StartHolderAsync(folder);

        Assert.Throws<FolderLockedException>(() => FolderLock.Acquire(folder.Path, "test.lock"));

        holder.CloseInput();
        await holder.WaitForExitAsync();
        Assert.That(() => FolderLock.Acquire(folder.Path, "test.lock").Dispose(), Throws.Nothing);
    }

    [Test]
    public async Task A_killed_holder_leaves_no_stale_lock()
    {
        using var folder = new TempFolder();
        using var holder = await StartHolderAsync(folder);
        await holder.KillAsync();
        Assert.That(() => FolderLock.Acquire(folder.Path, "test.lock").Dispose(), Throws.Nothing);
    }
}
