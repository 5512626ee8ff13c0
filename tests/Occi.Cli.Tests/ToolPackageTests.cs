using System.Diagnostics;
using Occi.Server.Tests.Support;

namespace Occi.Cli.Tests;

/// <summary>
/// The .NET tool as an operator installs it: `dotnet pack Occi.Cli -o FOLDER`, then `dotnet tool install` from that
/// folder alone (a nuget.config that clears every other source: no network), then the installed `occi` run as a
/// process against the real server.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan StepDeadline = TimeSpan.FromMinutes(5);

    private string _work = null!;

    [SetUp]
    public void MakeFolder() => _work = Directory.CreateTempSubdirectory("occi-tool").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task The_packed_tool_installs_from_its_folder_offline_and_runs()
    {
        var repository = RepositoryRoot();
        var configuration = TestContext.CurrentContext.TestDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var packages = Path.Combine(_work, "packages");
        var tools = Path.Combine(_work, "tools");
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config,
            $"<configuration><packageSources><clear /><add key=\"occi\" value=\"{packages}\" /></packageSources></configuration>");

        var pack = await RunAsync("dotnet", "pack", Path.Combine(repository, "Occi.Cli", "Occi.Cli.csproj"), "-c", configuration, "--no-build", "-o", packages, "-nologo");
        Assert.That(pack.Code, Is.Zero, pack.Output);
        Assert.That(Directory.GetFiles(packages, "occi.*.nupkg"), Has.Length.EqualTo(1));

        var install = await RunAsync("dotnet", "tool", "install", "occi", "--tool-path", tools, "--configfile", config);
        Assert.That(install.Code, Is.Zero, install.Output);
        var occi = Path.Combine(tools, "occi");

        var help = await RunAsync(occi, "--help");
        Assert.That(help.Code, Is.Zero, help.Output);
        Assert.That(help.Output, Does.Contain("Exit codes: 0 ok"));

        await using var server = await RunningServer.StartAsync();
        var created = await RunAsync(occi, "create", "compute", "--wait", "--endpoint", server.Root, "--output", "plain");
        Assert.That(created.Code, Is.Zero, created.Output);
        Assert.That(created.Output.Trim(), Does.StartWith(server.Root + "/compute/"), "redirected: the location alone, no spinner");
        var listed = await RunAsync(occi, "list", "compute", "--endpoint", server.Root, "--output", "plain");
        Assert.That(listed.Output.Trim(), Is.EqualTo(created.Output.Trim()));

        var unreachable = await RunAsync(occi, "discover", "--endpoint", "http://127.0.0.1:1/");
        Assert.That(unreachable.Code, Is.EqualTo(9), unreachable.Output);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) return dir.FullName;
        throw new InvalidOperationException("OcciGateway.sln not found above the test folder");
    }

    /// <summary>Runs a process to its end (bounded by <see cref="StepDeadline"/>); its standard output and error together.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("OCCI_ENDPOINT");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StepDeadline);
        try { await process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not end within {StepDeadline}");
        }
        return (process.ExitCode, await output + await error);
    }
}
