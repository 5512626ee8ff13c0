using System.Net;
using System.Text;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>
/// compute ↔ Cyclades server through the gateway over HTTP: templates from Plankton and Cyclades' flavors, create,
/// list, describe, the start/stop/restart actions, rename and delete; each checked in what a client reads and in
/// what the simulated cloud holds afterwards.
/// </summary>
public sealed class ComputeTests
{
    private static string Term(string path) => path[(path.LastIndexOf('/') + 1)..];

    [Test]
    public async Task The_query_interface_offers_available_Plankton_images_as_os_tpl_and_Cyclades_flavors_as_resource_tpl()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var (status, body) = await gateway.AskAsync(HttpMethod.Get, "/-/");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain($"Category: {SynnefoGateway.DebianImage}; scheme=\"{SynnefoGateway.OsScheme}\"; class=\"mixin\"; title=\"Debian Base\""));
        Assert.That(body, Does.Contain("Category: 907ef618-c03a-4473-9914-9348e12890c1;"));
        Assert.That(body, Does.Not.Contain("d0d7e5d6-0000-4000-8000-00000000dead"), "an image Plankton does not say available is no template");
        Assert.That(body, Does.Contain($"Category: C2R2048D20drbd; scheme=\"{SynnefoGateway.ResourceScheme}\"; class=\"mixin\"; title=\"C2R2048D20drbd: 2 cores 2048 MiB memory 20 GiB disk drbd\""));
        Assert.That(body, Does.Contain("Category: C4R4096D40ext_vlmc;"));
    }

    [Test]
    public async Task Creating_a_compute_makes_a_Cyclades_server_of_the_image_and_flavor_marked_as_the_gateways()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await gateway.CreateAsync(SynnefoGateway.Compute("C2R2048D20drbd", extra: "X-OCCI-Attribute: occi.core.title=\"web-1\""));

        var server = gateway.ServerOf(path);
        Assert.That((server.ImageId, server.FlavorId, server.Name, server.UserId), Is.EqualTo((SynnefoGateway.DebianImage, 2, "web-1", SimulatedCloud.UserId)));
        Assert.That(server.Metadata, Does.ContainKey("occi_gateway").WithValue("occigateway"));
        Assert.That(server.Metadata, Does.ContainKey("occi_id").WithValue(Term(path)));
    }

    [Test]
    public async Task A_new_compute_is_inactive_while_Cyclades_builds_it_and_active_once_built_with_the_flavors_sizes()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        using (var created = await gateway.SendAsync(HttpMethod.Post, "/compute/", SynnefoGateway.Compute("C2R2048D20drbd")))
        {
            var body = await created.Content.ReadAsStringAsync();
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        }
        var path = OcciText.Locations((await gateway.AskAsync(HttpMethod.Get, "/compute/")).Body).Single();
        path = new Uri(path).AbsolutePath;

        var (status, described) = await gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), described);
        var server = gateway.ServerOf(path);
        Assert.That(OcciText.Attribute(described, "occi.compute.state"), Is.EqualTo("active"));
        Assert.That(OcciText.Attribute(described, "occi.compute.cores"), Is.EqualTo("2"));
        Assert.That(OcciText.Attribute(described, "occi.compute.memory"), Is.EqualTo("2.0"));
        Assert.That(OcciText.Attribute(described, "occi.compute.hostname"), Is.EqualTo($"snf-{server.Id}.vm.example.org"));
    }

    [Test]
    public async Task The_create_answer_says_the_server_is_building()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        using var created = await gateway.SendAsync(HttpMethod.Post, "/compute/", SynnefoGateway.Compute());
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        Assert.That(gateway.ServerOf(created.Headers.Location!.AbsolutePath).Status, Is.EqualTo("BUILD"));
        using var read = await gateway.Server.Client.SendAsync(WithToken(gateway, HttpMethod.Get, created.Headers.Location!.AbsolutePath));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_compute_collection_lists_the_callers_computes()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var first = await gateway.CreateAsync(SynnefoGateway.Compute());
        var second = await gateway.CreateAsync(SynnefoGateway.Compute("C4R4096D40ext_vlmc"));
        var (status, body) = await gateway.AskAsync(HttpMethod.Get, "/compute/");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Locations(body).Select(l => new Uri(l).AbsolutePath), Is.EquivalentTo(new[] { first, second }));
        Assert.That(gateway.Cloud.Servers.Values.Select(s => s.FlavorId), Is.EquivalentTo(new[] { 1, 3 }));
    }

    [Test]
    public async Task Stop_shuts_the_server_down_and_start_starts_it_again()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ActiveComputeAsync(gateway);

        await ActAsync(gateway, path, "stop");
        Assert.That(gateway.ServerOf(path).Status, Is.EqualTo("STOPPED"));
        Assert.That(OcciText.Attribute((await gateway.AskAsync(HttpMethod.Get, path)).Body, "occi.compute.state"), Is.EqualTo("inactive"));

        await ActAsync(gateway, path, "start");
        Assert.That(gateway.ServerOf(path).Status, Is.EqualTo("ACTIVE"));
        Assert.That(gateway.ServerOf(path).Actions, Is.EqualTo(new[] { "shutdown", "start" }));
        Assert.That(OcciText.Attribute((await gateway.AskAsync(HttpMethod.Get, path)).Body, "occi.compute.state"), Is.EqualTo("active"));
    }

    [Test]
    public async Task Restart_reboots_softly_and_with_method_cold_hard()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ActiveComputeAsync(gateway);

        await ActAsync(gateway, path, "restart");
        Assert.That((await gateway.AskAsync(HttpMethod.Get, path)).Status, Is.EqualTo(HttpStatusCode.OK));
        await ActAsync(gateway, path, "restart", "X-OCCI-Attribute: method=\"cold\"");

        Assert.That(gateway.ServerOf(path).Actions, Is.EqualTo(new[] { "reboot SOFT", "reboot HARD" }));
    }

    [Test]
    public async Task Suspend_is_refused_with_400_as_Cyclades_has_no_such_action_and_the_server_is_untouched()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ActiveComputeAsync(gateway);
        var (status, body) = await gateway.AskAsync(HttpMethod.Post, path + "?action=suspend", OcciText.Action("compute", "suspend"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("Cyclades"));
        Assert.That(gateway.ServerOf(path).Actions, Is.Empty);
        Assert.That(gateway.ServerOf(path).Status, Is.EqualTo("ACTIVE"));
    }

    [Test]
    public async Task Deleting_a_compute_deletes_its_server_and_the_compute_is_gone()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ActiveComputeAsync(gateway);
        var server = gateway.ServerOf(path);

        var (status, body) = await gateway.AskAsync(HttpMethod.Delete, path);
        Assert.That((int)status, Is.AnyOf(200, 204), body);
        Assert.That(server.Status, Is.EqualTo("DELETED"));
        Assert.That((await gateway.AskAsync(HttpMethod.Get, path)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(OcciText.Locations((await gateway.AskAsync(HttpMethod.Get, "/compute/")).Body), Is.Empty);
    }

    [Test]
    public async Task A_compute_whose_server_was_deleted_in_the_cloud_reads_as_error_saying_it_vanished()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ActiveComputeAsync(gateway);
        gateway.ServerOf(path).Status = "DELETED";
        var (status, body) = await gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("error"));
        Assert.That(OcciText.Attribute(body, "occi.compute.state.message"), Does.Contain("no longer"));
    }

    [Test]
    public async Task A_new_title_renames_the_server()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await ActiveComputeAsync(gateway);
        var (status, body) = await gateway.AskAsync(HttpMethod.Post, path, "X-OCCI-Attribute: occi.core.title=\"renamed\"");
        Assert.That((int)status, Is.AnyOf(200, 204), body);
        Assert.That(gateway.ServerOf(path).Name, Is.EqualTo("renamed"));
    }

    [Test]
    public async Task The_ssh_key_goes_in_as_roots_authorized_keys_and_user_data_as_Cyclades_user_data()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        const string key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@occi";
        var userData = Convert.ToBase64String(Encoding.UTF8.GetBytes("#cloud-config\npackages: [nginx]\n"));
        var path = await gateway.CreateAsync(SynnefoGateway.Compute(extra: string.Join('\n',
            "Category: ssh_key; scheme=\"http://schemas.ogf.org/occi/infrastructure/credentials#\"; class=\"mixin\"",
            "Category: user_data; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute#\"; class=\"mixin\"",
            $"X-OCCI-Attribute: occi.credentials.ssh.publickey=\"{key}\"",
            $"X-OCCI-Attribute: occi.compute.userdata=\"{userData}\"")));

        var server = gateway.ServerOf(path);
        Assert.That(server.UserData, Is.EqualTo(userData));
        var (file, contents, mode) = server.Personality.Single();
        Assert.That((file, Encoding.UTF8.GetString(Convert.FromBase64String(contents)), mode), Is.EqualTo(("/root/.ssh/authorized_keys", key + "\n", 384)));
    }

    /// <summary>A compute created and read once, so Cyclades has built it (ACTIVE) and the store knows it active.</summary>
    internal static async Task<string> ActiveComputeAsync(SynnefoGateway gateway)
    {
        var path = await gateway.CreateAsync(SynnefoGateway.Compute());
        var (status, body) = await gateway.AskAsync(HttpMethod.Get, path);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("active"), $"{status}: {body}");
        return path;
    }

    private static async Task ActAsync(SynnefoGateway gateway, string path, string action, string? attributes = null)
    {
        var (status, body) = await gateway.AskAsync(HttpMethod.Post, $"{path}?action={action}",
            OcciText.Action("compute", action) + (attributes is null ? "" : "\n" + attributes));
        Assert.That((int)status, Is.AnyOf(200, 204), body);
    }

    private static HttpRequestMessage WithToken(SynnefoGateway gateway, HttpMethod method, string path)
    {
        var request = gateway.Server.Request(method, path);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", SimulatedCloud.Token);
        return request;
    }
}
