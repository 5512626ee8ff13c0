namespace Occi.Server.Tests.Support;

/// <summary>A users, keys or mapping file in the temp folder, deleted with the fixture.</summary>
public sealed class CredentialFiles : IDisposable
{
    private readonly List<string> _paths = [];

    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"occi-{name}-{Guid.NewGuid():N}");
        File.WriteAllLines(path, lines);
        _paths.Add(path);
        return path;
    }

    /// <summary>Rewrites a file so that its modification time moves on, as an editor's save does.</summary>
    public static void Rewrite(string path, params string[] lines)
    {
        var before = File.GetLastWriteTimeUtc(path);
        File.WriteAllLines(path, lines);
        if (File.GetLastWriteTimeUtc(path) == before) File.SetLastWriteTimeUtc(path, before.AddSeconds(1));
    }

    public void Dispose()
    {
        foreach (var path in _paths) File.Delete(path);
        _paths.Clear();
    }
}
