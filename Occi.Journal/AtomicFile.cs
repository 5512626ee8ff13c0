using System.Runtime.InteropServices;

namespace Occi.Journal;

/// <summary>
/// Replaces a file whole: the new content goes to <c>&lt;file&gt;.tmp</c>, is fsynced, moved over the old
/// file, and the folder is fsynced, so after a crash at any point the file is either all old or all new.
/// (Without the file's fsync the rename could publish a file whose blocks are not on disk yet; without the
/// folder's, the rename itself could be lost by a power cut.) A <c>.tmp</c> left by a crash is garbage.
/// </summary>
public static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void Replace(string path, Action<Stream> write)
    {
        var temp = path + TempSuffix;
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Deletes what an interrupted <see cref="Replace"/> left; the file itself is whole either way.</summary>
    public static void RemoveLeftover(string path) => TryDelete(path + TempSuffix);

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>fsync on the folder, so a rename in it survives a power cut (POSIX; Windows journals renames itself).</summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Posix.open(folder, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open {folder} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Posix.fsync(fd) != 0) throw new IOException($"fsync of {folder} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Posix.close(fd);
        }
    }

    // .NET opens no folder as a file, so the folder's fsync goes to libc directly.
    private static class Posix
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        internal static extern int fsync(int fd);

        [DllImport("libc")]
        internal static extern int close(int fd);
    }
}
