namespace Occi.Journal;

/// <summary>Another process holds the lock file (see <see cref="FolderLock"/>).</summary>
public sealed class FolderLockedException(string lockPath, IOException inner)
    : IOException($"{lockPath} is held by another process", inner)
{
    public string LockPath { get; } = lockPath;
}
