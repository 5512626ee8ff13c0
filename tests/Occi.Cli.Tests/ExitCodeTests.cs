using Occi.Cli.Tests.Support;
using Occi.Server.Tests.Support;

namespace Occi.Cli.Tests;

/// <summary>The exit codes scripts rely on (README "The occi client"), each from a real situation against the real server.</summary>
public sealed class ExitCodeTests
{
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await RunningServer.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private Task<CliResult> Occi(params string[] args) => OcciCommandLine.RunAsync([.. args, "--endpoint", _server.Root]);

    private async Task<string> ComputeCount()
    {
        using var request = _server.Request(HttpMethod.Get, "/compute/");
        using var response = await _server.Client.SendAsync(request);
        return OcciText.Locations(await response.Content.ReadAsStringAsync()).Count.ToString();
    }

    [Test]
    public async Task Help_names_every_exit_code_and_exits_0()
    {
        var result = await OcciCommandLine.RunAsync("--help");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("Exit codes: 0 ok, 2 usage error").And.Contain("8 timeout, 9 server unreachable"));
        Assert.That(result.Out, Does.Contain("discover").And.Contain("mixin").And.Contain("--media-type"));
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var result = await Occi("list", "compute", "--no-such-option");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--no-such-option"));
    }

    [Test]
    public async Task A_media_type_occi_does_not_speak_is_a_usage_error()
    {
        var result = await Occi("discover", "--media-type", "application/xml");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [Test]
    public async Task No_endpoint_is_a_usage_error_naming_OCCI_ENDPOINT()
    {
        var result = await OcciCommandLine.RunAsync("discover");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("OCCI_ENDPOINT"));
    }

    [Test]
    public async Task OCCI_ENDPOINT_stands_in_for_the_option()
    {
        var result = await OcciCommandLine.RunAsync(new Dictionary<string, string> { ["OCCI_ENDPOINT"] = _server.Root }, "list", "compute", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task An_unreadable_ssh_key_file_is_a_usage_error_and_creates_nothing()
    {
        var before = await ComputeCount();
        var result = await Occi("create", "compute", "--ssh-key", "/nonexistent/id.pub");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--ssh-key"));
        Assert.That(await ComputeCount(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_action_the_state_does_not_allow_exits_conflict_with_the_servers_message()
    {
        var created = (await Occi("create", "compute", "-o", "plain")).Lines.Single();
        var result = await Occi("action", created, "start");
        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("409").And.Contain("not allowed"));
    }

    [Test]
    public async Task An_attribute_value_the_server_refuses_exits_bad_request_and_creates_nothing()
    {
        var before = await ComputeCount();
        var result = await Occi("create", "compute", "--attribute", "occi.compute.cores=\"two\"");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("→ 400: ").And.Contain("occi.compute.cores"));
        Assert.That(await ComputeCount(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_server_that_cannot_be_reached_exits_unreachable()
    {
        var result = await OcciCommandLine.RunAsync("discover", "--endpoint", "http://127.0.0.1:1/");
        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Error, Does.Contain("127.0.0.1:1 cannot be reached"));
    }

    [Test]
    public async Task Wait_past_its_deadline_exits_timeout_naming_the_state()
    {
        await using var server = await RunningServer.StartAsync(null, ("Occi:Local:BootOnCreate", "false"));
        var result = await OcciCommandLine.RunAsync("create", "compute", "--wait", "--wait-timeout", "0", "--endpoint", server.Root);
        Assert.That(result.ExitCode, Is.EqualTo(8), result.ToString());
        Assert.That(result.Error, Does.Contain("is inactive, not active"));
    }
}
