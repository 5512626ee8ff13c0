namespace Occi.Server.Tests.Support;

/// <summary>The built server (Occi.Server.dll with its runtimeconfig.json), for tests that run it as its own process.</summary>
internal static class ServerDll
{
    public static string? Find()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "Occi.Server.dll");
        if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json"))) return here;
        // The server's own output: <repo>/Occi.Server/bin/<Configuration>/<tfm>/, as the tests' is <repo>/tests/Occi.Server.Tests/bin/….
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = dir.Name;
        var configuration = dir.Parent?.Name;
        for (var d = dir; d is not null; d = d.Parent)
        {
            if (!File.Exists(Path.Combine(d.FullName, "OcciGateway.sln"))) continue;
            var own = Path.Combine(d.FullName, "Occi.Server", "bin", configuration ?? "Release", tfm, "Occi.Server.dll");
            return File.Exists(own) && File.Exists(Path.ChangeExtension(own, ".runtimeconfig.json")) ? own : null;
        }
        return null;
    }
}
