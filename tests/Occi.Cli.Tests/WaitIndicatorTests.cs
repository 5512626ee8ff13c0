using Occi.Cli.Tests.Support;
using Occi.Server.Tests.Support;

namespace Occi.Cli.Tests;

/// <summary>--wait shows a spinner with the compute's state on a terminal, and nothing but the result when redirected.</summary>
public sealed class WaitIndicatorTests
{
    private RunningServer _server = null!;

    /// <summary>The simulator takes 1.5 s to boot a compute here, so --wait sees it pending first.</summary>
    [OneTimeSetUp]
    public async Task Start() => _server = await RunningServer.StartAsync(null, ("Occi:Local:ActionDelayMs", "1500"));

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task On_a_terminal_wait_shows_a_spinner_with_the_state_then_the_location()
    {
        var result = await OcciCommandLine.RunOnTerminalAsync("create", "compute", "--wait", "--output", "plain", "--endpoint", _server.Root);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("\u001b[").And.Contain("/compute/"));
        Assert.That(result.Out, Does.Match(@"/compute/[^ ]+ is (?!active)\w+"), "a state before active");
        Assert.That(result.Out.TrimEnd(), Does.Match(System.Text.RegularExpressions.Regex.Escape(_server.Root + "/compute/") + @"\S+$"),
            "the spinner cleared, then the location last");
    }

    [Test]
    public async Task Redirected_wait_prints_only_the_location()
    {
        var result = await OcciCommandLine.RunAsync("create", "compute", "--wait", "--output", "plain", "--endpoint", _server.Root);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Has.Length.EqualTo(1).And.All.StartsWith(_server.Root + "/compute/"));
        Assert.That(result.Out, Does.Not.Contain("\u001b"));
    }
}
