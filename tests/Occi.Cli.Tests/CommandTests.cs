using System.Net;
using System.Text;
using System.Text.Json;
using Occi.Cli.Tests.Support;
using Occi.Server.Tests.Support;

namespace Occi.Cli.Tests;

/// <summary>
/// Every command against the real gateway (Local backend) over HTTP on 127.0.0.1, in every rendering `occi` speaks:
/// what it prints and exits with, and what the server holds afterwards (read back by plain HTTP, text/plain).
/// </summary>
[TestFixtureSource(typeof(MediaTypes), nameof(MediaTypes.All))]
public sealed class CommandTests(string mediaType, string occiVersion)
{
    private const string Infra = OcciText.Infra;
    private RunningServer _server = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await RunningServer.StartAsync();
        _folder = Directory.CreateTempSubdirectory("occi-cli-tests").FullName;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<CliResult> Occi(params string[] args) =>
        OcciCommandLine.RunAsync([.. args, "--endpoint", _server.Root, "--media-type", mediaType, "--occi-version", occiVersion]);

    private async Task<string> ServerText(string location)
    {
        using var request = _server.Request(HttpMethod.Get, new Uri(location).AbsolutePath);
        using var response = await _server.Client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : $"HTTP {(int)response.StatusCode}";
    }

    /// <summary>A template of the server's model (the Local backend offers os_tpl and resource_tpl mixins).</summary>
    private async Task<string> TemplateTerm(string of)
    {
        var model = await _server.Client.GetStringAsync("/-/");
        var line = model.Split('\n').First(l => l.Contains($"rel=\"{Infra}{of}\"", StringComparison.Ordinal));
        return line["Category: ".Length..line.IndexOf(';')];
    }

    private async Task<string> CreateComputeAsync()
    {
        var created = await Occi("create", "compute", "--output", "plain");
        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        return created.Lines.Single();
    }

    private async Task<string?> PostAsync(string path, string body)
    {
        using var request = _server.Request(HttpMethod.Post, path);
        request.Content = RunningServer.TextPlain(body);
        using var response = await _server.Client.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.Headers.Location?.ToString();
    }

    [Test]
    public async Task Discover_prints_the_kinds_with_the_locations_the_server_gives_them()
    {
        var result = await Occi("discover", "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Does.Contain($"kind {Infra}compute {_server.Root}/compute/"));
        Assert.That(result.Lines, Does.Contain($"kind {Infra}storagelink {_server.Root}/link/storagelink/"));
        Assert.That(result.Lines, Has.Some.StartsWith("action http://schemas.ogf.org/occi/infrastructure/compute/action#stop"));
    }

    [Test]
    public async Task Discover_as_json_lists_categories_with_their_actions()
    {
        var result = await Occi("discover", "--output", "json");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var compute = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Single(c => c.GetProperty("term").GetString() == "compute" && c.GetProperty("class").GetString() == "kind");
        Assert.That(compute.GetProperty("actions").EnumerateArray().Select(a => a.GetString()), Does.Contain("http://schemas.ogf.org/occi/infrastructure/compute/action#start"));
        Assert.That(compute.GetProperty("parent").GetString(), Is.EqualTo("http://schemas.ogf.org/occi/core#resource"));
    }

    [Test]
    public async Task Discover_as_a_table_shows_one_row_per_category()
    {
        var result = await Occi("discover");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain("Location").And.Contain($"{_server.Root}/network/"));
    }

    [Test]
    public async Task Create_compute_from_templates_with_ssh_key_and_user_data_stores_them_and_prints_the_location()
    {
        var os = await TemplateTerm("os_tpl");
        var size = await TemplateTerm("resource_tpl");
        var key = Path.Combine(_folder, "id_ed25519.pub");
        await File.WriteAllTextAsync(key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOcli cli@test\n");
        var userData = Path.Combine(_folder, "cloud-init.yml");
        await File.WriteAllTextAsync(userData, "#cloud-config\nhostname: from-cli\n");

        var result = await Occi("create", "compute", "--os-tpl", os, "--resource-tpl", size, "--ssh-key", key, "--user-data", userData,
            "--title", "from the cli", "--output", "plain");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var location = result.Lines.Single();
        Assert.That(location, Does.StartWith(_server.Root + "/compute/"));
        var stored = await ServerText(location);
        Assert.That(stored, Does.Contain($"Category: {os};").And.Contain($"Category: {size};").And.Contain("Category: ssh_key;").And.Contain("Category: user_data;"));
        Assert.That(OcciText.Attribute(stored, "occi.credentials.ssh.publickey"), Is.EqualTo("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOcli cli@test"));
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(OcciText.Attribute(stored, "occi.compute.userdata")!)), Is.EqualTo("#cloud-config\nhostname: from-cli\n"));
        Assert.That(OcciText.Attribute(stored, "occi.core.title"), Is.EqualTo("from the cli"));
    }

    [Test]
    public async Task Create_compute_with_wait_returns_once_the_compute_is_active()
    {
        var result = await Occi("create", "compute", "--wait", "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(OcciText.Attribute(await ServerText(result.Lines.Single()), "occi.compute.state"), Is.EqualTo("active"));
        Assert.That(result.Error, Is.Empty, "no spinner when the output is not a terminal");
    }

    [Test]
    public async Task Create_compute_with_an_os_tpl_the_server_lacks_is_a_usage_error_and_creates_nothing()
    {
        var before = await ServerText(_server.Root + "/compute/");
        var result = await Occi("create", "compute", "--os-tpl", "no-such-image");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--os-tpl no-such-image"));
        Assert.That(await ServerText(_server.Root + "/compute/"), Is.EqualTo(before));
    }

    [Test]
    public async Task List_compute_prints_every_compute_location()
    {
        var first = await CreateComputeAsync();
        var second = await CreateComputeAsync();
        var result = await Occi("list", "compute", "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Does.Contain(first).And.Contain(second));
        Assert.That(result.Lines, Is.EquivalentTo(OcciText.Locations(await ServerText(_server.Root + "/compute/"))));
    }

    [Test]
    public async Task List_as_json_is_an_array_of_locations()
    {
        var created = await CreateComputeAsync();
        var result = await Occi("list", "compute", "--output", "json");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Select(e => e.GetString()), Does.Contain(created));
    }

    [Test]
    public async Task List_of_a_kind_the_server_lacks_exits_not_found()
    {
        var result = await Occi("list", "teapot");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
    }

    [Test]
    public async Task Describe_prints_kind_attributes_and_actions()
    {
        var created = await CreateComputeAsync();
        var result = await Occi("describe", created, "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Does.Contain($"kind={Infra}compute"));
        Assert.That(result.Lines, Does.Contain("occi.compute.state=" + OcciText.Attribute(await ServerText(created), "occi.compute.state")));
        Assert.That(result.Lines, Does.Contain("occi.core.id=" + created.Split('/')[^1]));
        Assert.That(result.Lines, Does.Contain("action=http://schemas.ogf.org/occi/infrastructure/compute/action#stop"));
    }

    [Test]
    public async Task Describe_as_json_carries_the_attributes_with_their_types()
    {
        var created = await CreateComputeAsync();
        var result = await Occi("describe", created, "--output", "json");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var entity = JsonDocument.Parse(result.Out).RootElement;
        Assert.That(entity.GetProperty("location").GetString(), Is.EqualTo(created));
        Assert.That(entity.GetProperty("attributes").GetProperty("occi.compute.state").GetString(), Is.EqualTo("active"));
    }

    [Test]
    public async Task Describe_of_a_missing_entity_exits_not_found_with_the_servers_message()
    {
        var result = await Occi("describe", "/compute/no-such-compute");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Error, Does.StartWith("occi: GET /compute/no-such-compute → 404: "));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public async Task Action_stop_with_a_method_stops_the_compute()
    {
        var created = await CreateComputeAsync();
        var result = await Occi("action", created, "stop", "--method", "graceful", "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(OcciText.Attribute(await ServerText(created), "occi.compute.state"), Is.EqualTo("inactive"));
    }

    [Test]
    public async Task Action_the_kind_does_not_have_is_a_usage_error()
    {
        var created = await CreateComputeAsync();
        var result = await Occi("action", created, "fly");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(OcciText.Attribute(await ServerText(created), "occi.compute.state"), Is.EqualTo("active"));
    }

    [Test]
    public async Task Link_to_a_storage_creates_a_storagelink_the_compute_shows()
    {
        var compute = await CreateComputeAsync();
        var storage = (await PostAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1.0"))!;
        var result = await Occi("link", compute, storage, "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var link = result.Lines.Single();
        Assert.That(link, Does.StartWith(_server.Root + "/link/storagelink/"));
        Assert.That(await ServerText(compute), Does.Contain("<" + new Uri(link).AbsolutePath + ">").Or.Contain(new Uri(storage).AbsolutePath));
        Assert.That(OcciText.Attribute(await ServerText(link), "occi.core.target"), Does.EndWith(new Uri(storage).AbsolutePath));
    }

    [Test]
    public async Task Link_to_a_network_creates_a_networkinterface()
    {
        var compute = await CreateComputeAsync();
        var network = (await PostAsync("/network/", OcciText.NetworkCategory))!;
        var result = await Occi("link", compute, network, "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var link = result.Lines.Single();
        Assert.That(await ServerText(link), Does.Contain("Category: networkinterface;"));
        Assert.That(OcciText.Attribute(await ServerText(link), "occi.core.source"), Does.EndWith(new Uri(compute).AbsolutePath));
    }

    [Test]
    public async Task Delete_removes_the_entity()
    {
        var created = await CreateComputeAsync();
        var result = await Occi("delete", created);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Is.Empty);
        Assert.That(await ServerText(created), Is.EqualTo("HTTP 404"));
    }

    [Test]
    public async Task Delete_of_a_missing_entity_exits_not_found()
    {
        var result = await Occi("delete", "/compute/never-was");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
    }

    [Test]
    public async Task Mixin_list_shows_the_templates()
    {
        var result = await Occi("mixin", "list", "--output", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Lines, Has.Some.StartsWith("mixin ").And.Some.Contains(await TemplateTerm("os_tpl")));
        Assert.That(result.Lines, Has.None.StartsWith("kind "));
    }

    [Test]
    public async Task Mixin_add_and_remove_change_the_mixins_members()
    {
        var term = "cli-tag-" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync("/-/", $"Category: {term}; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/{term}/\"");
        var compute = await CreateComputeAsync();

        var added = await Occi("mixin", "add", term, compute);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(OcciText.Locations(await ServerText($"{_server.Root}/tags/{term}/")), Is.EqualTo(new[] { compute }));
        var listed = await Occi("mixin", "list", term, "--output", "plain");
        Assert.That(listed.Lines, Is.EqualTo(new[] { compute }), listed.ToString());

        var removed = await Occi("mixin", "remove", term, compute);
        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
        Assert.That(OcciText.Locations(await ServerText($"{_server.Root}/tags/{term}/")), Is.Empty);
    }
}
