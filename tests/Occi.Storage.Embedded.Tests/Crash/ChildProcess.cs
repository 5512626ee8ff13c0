using System.Diagnostics;
using System.Text;

namespace Occi.Storage.Embedded.Tests.Crash;

/// <summary>This test assembly started as a child process (<see cref="CrashWriterProgram"/>), its standard output collected.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _output = new();
    private readonly TaskCompletionSource _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;

    private ChildProcess(Process process)
    {
        _process = process;
        _pump = PumpAsync();
    }

    public static ChildProcess Start(params string[] args)
    {
        var assembly = typeof(CrashWriterProgram).Assembly.Location;
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        foreach (var a in args) info.ArgumentList.Add(a);
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start " + assembly));
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[4096];
        var stream = _process.StandardOutput.BaseStream;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            lock (_output) _output.Write(buffer, 0, n);
            if (Array.IndexOf(buffer, (byte)'\n', 0, n) >= 0) _firstLine.TrySetResult();
        }
        _firstLine.TrySetResult();
    }

    /// <summary>Waits until the child has printed one complete line (or has exited).</summary>
    public async Task WaitForFirstLineAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_firstLine.Task, Task.Delay(timeout)) != _firstLine.Task)
            throw new TimeoutException("the child printed nothing within " + timeout);
        if (_process.HasExited && _output.Length == 0)
            throw new InvalidOperationException($"the child exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>SIGKILL: no finalizers, no flush, no dispose — the process just stops.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _pump;
    }

    /// <summary>Every complete line printed so far (a line cut off by the kill is not complete, so not acknowledged).</summary>
    public IReadOnlyList<string> CompleteLines()
    {
        string text;
        lock (_output) text = Encoding.UTF8.GetString(_output.GetBuffer(), 0, (int)_output.Length);
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n');
    }

    public void CloseInput() => _process.StandardInput.Close();

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
