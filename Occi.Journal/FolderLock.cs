using System.Globalization;
using System.Text;

namespace Occi.Journal;

/// <summary>
/// An exclusive lock on one file of a data folder, held while a process writes the journals there, so a
/// second process on the same folder is refused instead of writing behind the first one's back. .NET takes
/// a non-blocking flock for FileShare.None on Unix; the kernel releases it when the process dies, even by
/// SIGKILL, so a crash never leaves a stale lock. The file holds the holder's process id, for operators.
/// </summary>
public sealed class FolderLock : IDisposable
{
    private readonly FileStream _file;

    private FolderLock(FileStream file) => _file = file;

    /// <summary>The lock file's path.</summary>
    public string FilePath => _file.Name;

    /// <summary>Creates the folder if needed and locks <paramref name="fileName"/> in it; <see cref="FolderLockedException"/> when another process holds it.</summary>
    public static FolderLock Acquire(string folder, string fileName)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new FolderLockedException(path, e);
        }
        try
        {
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
            file.Flush();
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new FolderLock(file);
    }

    public void Dispose() => _file.Dispose();
}
