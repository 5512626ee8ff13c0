using System.Diagnostics;
using Microsoft.Extensions.Logging;

/// <summary>
/// Issue 13: the restart after a crash. <c>--crash</c> starts this program again as a child (<c>--crash-fill folder
/// count</c>) that fills a fresh folder with the embedded store as a server runs it (background snapshots on, their
/// log lines printed), then is killed with SIGKILL: no close, no last snapshot, whatever was being written cut short.
/// The parent then reopens the folder (the snapshot written while running plus the journal after it), closes it,
/// reopens it after that clean close, and once more with the snapshot removed (the open of a crash before).
/// </summary>
internal static class CrashReopen
{
    /// <summary>Runs the child on <paramref name="folder"/> and kills it once it has stored <paramref name="count"/> computes.</summary>
    public static async Task FillAndKillAsync(string folder, int count)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true };
        var program = Environment.GetCommandLineArgs()[0];
        if (program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(program); // run by `dotnet`
        foreach (var a in (string[])["--crash-fill", folder, count.ToString()]) start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the fill process did not start");
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine("  child: " + line);
            if (line.StartsWith("filled", StringComparison.Ordinal)) break;
        }
        child.Kill(entireProcessTree: true); // SIGKILL
        await child.WaitForExitAsync();
        var files = Directory.GetFiles(folder).Select(f => new FileInfo(f)).OrderBy(f => f.Name);
        Console.WriteLine("killed; the folder holds " + string.Join(", ", files.Select(f => $"{f.Name} {f.Length / 1048576.0:N1} MiB")));
    }

    /// <summary>The store's own log lines (its background snapshots) on standard output.</summary>
    public sealed class Lines : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {formatter(state, exception)}");
        }

        public void Dispose() { }
    }
}
