using System.Diagnostics;

namespace Occi.Journal.Tests;

/// <summary>This test assembly run as a <see cref="JournalChild"/> process; the test reads its acknowledgements line by line and kills it.</summary>
internal sealed class Child : IDisposable
{
    private readonly Process _process;

    private Child(Process process) => _process = process;

    public static Child Start(params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(JournalChild).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        return new Child(Process.Start(info)!);
    }

    /// <summary>The next line the child printed; null once it has exited.</summary>
    public Task<string?> ReadLineAsync() => _process.StandardOutput.ReadLineAsync();

    /// <summary>Sends SIGKILL and returns the lines it printed that the test has not read yet (a cut-off last one excluded).</summary>
    public async Task<List<string>> KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        var rest = await _process.StandardOutput.ReadToEndAsync();
        var complete = rest.LastIndexOf('\n');
        return complete < 0 ? [] : [.. rest[..complete].Split('\n')];
    }

    public void CloseInput() => _process.StandardInput.Close();

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
