using System.Text.Json;
using Occi.Cli.Tests.Support;
using Occi.Tests.Cassettes;

namespace Occi.Cli.Tests;

/// <summary>
/// `occi` reading what another server answered: the rOCCI-api 4.3 cassettes (../shared/fixtures/rOCCI-api-4.3.14), real
/// exchanges with a live rOCCI-server in text/plain and OCCI 1.1 JSON, replayed by a loopback server (CassetteServer).
/// </summary>
public sealed class CassetteTests
{
    private const string TextFolder = "rOCCI-api-4.3.14/spec/cassettes/Occi_Api_Client_ClientHttp/using_media_type_text/plain";

    private static Cassette Text(string name)
    {
        var folder = Cassette.FixturePath(TextFolder);
        if (folder is null || !Directory.Exists(folder)) Assert.Ignore("../shared/fixtures is absent: the cassette tests need it");
        return Cassette.Load(Path.Combine(folder!, name + ".yml"));
    }

    private static Task<CliResult> Occi(CassetteServer server, params string[] args) =>
        OcciCommandLine.RunAsync([.. args, "--endpoint", server.Root]);

    private static Task<CliResult> OcciJson11(CassetteServer server, params string[] args) =>
        OcciCommandLine.RunAsync([.. args, "--endpoint", server.Root, "--media-type", "application/occi+json", "--occi-version", "1.1"]);

    [Test]
    public async Task Discover_reads_rOCCI_servers_text_plain_model_with_its_templates()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("describes_compute_resources"));
        var result = await Occi(server, "discover", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Does.Contain($"kind http://schemas.ogf.org/occi/infrastructure#compute {server.Root}/compute/"));
        Assert.That(server.Received.First().PathAndQuery, Is.EqualTo("/-/"));
    }

    [Test]
    public async Task Mixin_list_shows_rOCCI_servers_os_templates()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("creates_a_new_compute_resource"));
        var result = await Occi(server, "mixin", "list", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Has.Some.StartsWith("mixin http://localhost/occi/infrastructure/os_tpl#uuid_debianvm_5"));
    }

    [Test]
    public async Task List_reads_the_uri_list_rOCCI_server_answered()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("lists_compute_resources"));
        var result = await Occi(server, "list", "compute", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Is.Not.Empty.And.All.StartsWith("https://localhost:3300/compute/"));
    }

    [Test]
    public async Task Describe_reads_rOCCI_servers_text_plain_compute()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("describes_compute_resources"));
        var result = await Occi(server, "describe", "/compute/4011", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Does.Contain("kind=http://schemas.ogf.org/occi/infrastructure#compute"));
        Assert.That(result.Lines, Does.Contain("mixin=http://opennebula.org/occi/infrastructure#compute"));
        Assert.That(result.Lines, Does.Contain("occi.core.title=DebianTest").And.Contain("occi.compute.cores=2"));
    }

    [Test]
    public async Task Create_reads_the_location_rOCCI_server_put_in_the_body_and_sends_the_templates()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("creates_a_new_compute_resource"));
        var result = await Occi(server, "create", "compute", "--os-tpl", "uuid_debianvm_5", "--resource-tpl", "small", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Is.EqualTo(new[] { "https://localhost:3300/compute/4015" }));
        var post = server.Received.Single(r => r.Method == "POST");
        Assert.That(post.ContentType, Is.EqualTo("text/plain"));
        Assert.That(post.Body, Does.Contain("Category: uuid_debianvm_5; scheme=\"http://localhost/occi/infrastructure/os_tpl#\"; class=\"mixin\""));
    }

    [Test]
    public async Task Action_sends_the_action_category_rOCCI_server_accepted()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("triggers_an_action_on_a_compute_resource"));
        var result = await Occi(server, "action", "/compute/4096", "start");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var post = server.Received.Single(r => r.Method == "POST");
        Assert.That(post.PathAndQuery, Is.EqualTo("/compute/4096?action=start"));
        Assert.That(post.Body, Does.StartWith("Category: start; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\""));
    }

    [Test]
    public async Task Delete_of_what_rOCCI_server_deleted_exits_0()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("deletes_a_compute_resource"));
        var result = await Occi(server, "delete", "/compute/4015");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task Discover_reads_rOCCI_servers_OCCI_1_1_json_model()
    {
        await using var server = await CassetteServer.ReplayAsync(Cassette.LoadJson("describes_compute_resources"));
        var result = await OcciJson11(server, "discover", "-o", "json");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var compute = JsonDocument.Parse(result.Out).RootElement.EnumerateArray()
            .Single(c => c.GetProperty("class").GetString() == "kind" && c.GetProperty("term").GetString() == "compute");
        Assert.That(compute.GetProperty("location").GetString(), Is.EqualTo(server.Root + "/compute/"));
        Assert.That(compute.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()), Does.Contain("occi.compute.cores"));
    }

    [Test]
    public async Task List_reads_rOCCI_servers_OCCI_1_1_json_collection_of_ids()
    {
        await using var server = await CassetteServer.ReplayAsync(Cassette.LoadJson("describes_compute_resources"));
        var result = await OcciJson11(server, "list", "compute", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Is.Not.Empty.And.All.StartsWith(server.Root + "/compute/"));
        Assert.That(server.Received.Last().Accept, Is.EqualTo("application/occi+json"));
    }

    [Test]
    public async Task Create_in_OCCI_1_1_json_reads_the_Location_header()
    {
        await using var server = await CassetteServer.ReplayAsync(Cassette.LoadJson("creates_a_new_compute_resource"));
        var result = await OcciJson11(server, "create", "compute", "--os-tpl", "uuid_debianvm_5", "--resource-tpl", "small", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Is.EqualTo(new[] { "https://localhost:3300/compute/4017" }));
        var sent = JsonDocument.Parse(server.Received.Single(r => r.Method == "POST").Body).RootElement;
        Assert.That(sent.GetProperty("resources")[0].GetProperty("kind").GetString(), Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#compute"));
    }

    [Test]
    public async Task Action_in_OCCI_1_1_json_reads_the_empty_answer()
    {
        await using var server = await CassetteServer.ReplayAsync(Cassette.LoadJson("triggers_an_action_on_a_compute_resource"));
        var result = await OcciJson11(server, "action", "/compute/4096", "start");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(JsonDocument.Parse(server.Received.Single(r => r.Method == "POST").Body).RootElement.GetProperty("action").GetString(),
            Is.EqualTo("http://schemas.ogf.org/occi/infrastructure/compute/action#start"));
    }

    [Test]
    public async Task What_the_recorded_server_never_had_exits_not_found()
    {
        await using var server = await CassetteServer.ReplayAsync(Text("describes_compute_resources"));
        var result = await Occi(server, "describe", "/compute/9999");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Error, Does.Contain("was not recorded"));
    }

    [Test]
    public async Task A_server_error_exits_7_with_the_servers_message()
    {
        await using var server = await CassetteServer.FailingAsync(503, "the cloud is down for maintenance");
        var result = await Occi(server, "discover");
        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.Error, Is.EqualTo("occi: GET /-/ → 503: the cloud is down for maintenance\n"));
    }
}
