namespace Occi.Storage.Embedded;

/// <summary>
/// An exclusive lock on <c>occi.lock</c> in the data folder, held for the store's lifetime, so a second
/// gateway process on the same folder is refused instead of sharing SQLite's file behind the first one's
/// caches (the embedded store assumes one process; scale out with the Mongo store). .NET takes a
/// non-blocking flock for FileShare.None on Unix; the kernel releases it when the process dies, even by SIGKILL.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "occi.lock";

    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    public static DataFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            file.Write(pid);
            file.Flush();
            return new DataFolderLock(file);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"The embedded store in '{Path.GetFullPath(folder)}' is in use by another OcciGateway process ({path} is locked). " +
                "Two gateways cannot share one embedded store: stop the other one, give this one its own Occi:DataPath, or use Occi:Store=Mongo.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
