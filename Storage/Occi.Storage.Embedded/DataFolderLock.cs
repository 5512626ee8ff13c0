using Occi.Journal;

namespace Occi.Storage.Embedded;

/// <summary>
/// The embedded store's <see cref="FolderLock"/>, <c>occi.lock</c> in the data folder, held for the store's
/// lifetime, so a second gateway process on the same folder is refused instead of sharing SQLite's file and
/// the journals behind the first one's caches (the embedded store assumes one process; scale out with the
/// Mongo store).
/// </summary>
internal static class DataFolderLock
{
    public const string FileName = "occi.lock";

    public static FolderLock Acquire(string folder)
    {
        try
        {
            return FolderLock.Acquire(folder, FileName);
        }
        catch (FolderLockedException e)
        {
            throw new InvalidOperationException(
                $"The embedded store in '{Path.GetFullPath(folder)}' is in use by another OcciGateway process ({e.LockPath} is locked). " +
                "Two gateways cannot share one embedded store: stop the other one, give this one its own Occi:DataPath, or use Occi:Store=Mongo.", e);
        }
    }
}
