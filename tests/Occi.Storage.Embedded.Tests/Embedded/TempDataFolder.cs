namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDataFolder : IDisposable
{
    public TempDataFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "occi-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a crashed child may still be exiting; the temp folder is only litter
    }
}
