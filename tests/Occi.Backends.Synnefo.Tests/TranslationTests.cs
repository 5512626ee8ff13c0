using System.Text.Json;
using Occi.Backends.Synnefo.Compute;
using Occi.Backends.Synnefo.Templates;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>Synnefo's words as OCCI's: flavor names, server statuses, and the answers of the guides' examples read.</summary>
public sealed class TranslationTests
{
    [TestCase("C2R2048D20drbd", 2, 2048, 20, "drbd")]
    [TestCase("C1R1024D20", 1, 1024, 20, "")]
    [TestCase("C16R65536D100ext_vlmc", 16, 65536, 100, "ext_vlmc")]
    [TestCase("c4r4096d40plain", 4, 4096, 40, "plain")]
    public void A_flavor_name_spells_cores_memory_disk_and_disk_template(string name, int cores, int ram, int disk, string template)
    {
        Assert.That(FlavorName.TryParse(name, out var flavor), Is.True);
        Assert.That(flavor, Is.EqualTo(new FlavorName(cores, ram, disk, template)));
    }

    [TestCase("")]
    [TestCase("m1.tiny")]
    [TestCase("C2R2048")]
    [TestCase("CxR2048D20drbd")]
    [TestCase("C0R2048D20drbd")]
    [TestCase("C2R2048D20drbd!")]
    [TestCase("C99999999999R1D1")]
    [TestCase(null)]
    public void Anything_else_is_no_flavor_name(string? name) =>
        Assert.That(FlavorName.TryParse(name, out _), Is.False);

    [Test]
    public void A_flavor_name_is_written_as_Synnefo_names_it() =>
        Assert.That(new FlavorName(2, 2048, 20, "drbd").ToString(), Is.EqualTo("C2R2048D20drbd"));

    [TestCase("BUILD", "inactive")]
    [TestCase("ACTIVE", "active")]
    [TestCase("REBOOT", "active")]
    [TestCase("STOPPED", "inactive")]
    [TestCase("ERROR", "error")]
    [TestCase("UNKNOWN", "error")]
    [TestCase("SOMETHING_NEW", "inactive")]
    public void Each_Cyclades_status_is_a_compute_state(string status, string state) =>
        Assert.That(ServerStatus.Of(Server(status)).State, Is.EqualTo(state));

    [Test]
    public void A_server_the_cloud_suspended_is_suspended_whatever_its_status() =>
        Assert.That(ServerStatus.Of(Server("ACTIVE") with { Suspended = true }).State, Is.EqualTo("suspended"));

    [Test]
    public void An_error_says_the_latest_diagnostic() =>
        Assert.That(ServerStatus.Of(Server("ERROR") with { Diagnostics = [new("ERROR", "Image customization failed"), new("DEBUG", "Starting")] }).Message,
            Is.EqualTo("Image customization failed"));

    [Test]
    public void Only_DELETED_is_gone() =>
        Assert.That(new[] { "DELETED", "ACTIVE", "ERROR" }.Select(s => ServerStatus.IsGone(Server(s))), Is.EqualTo(new[] { true, false, false }));

    [Test]
    public void The_create_answer_of_the_guide_is_read_with_its_number_id()
    {
        const string answer = """
            {"server": {"name": "My Example Server", "id": 5678, "status": "BUILD", "created": "2013-04-10T13:52:17.085402+00:00",
              "updated": "2013-04-10T13:52:17.085402+00:00", "adminPass": "fKCqlZe2at", "progress": 0, "metadata": {"OS": "debian", "USERS": "root"}}}
            """;
        var server = JsonSerializer.Deserialize(answer, CycladesJson.Default.ServerEnvelope)!.Server;
        Assert.That((server.Id, server.Status, server.Metadata!["OS"]), Is.EqualTo(("5678", "BUILD", "debian")));
    }

    [Test]
    public void A_server_detail_names_its_flavor_by_number_and_its_fqdn_and_task_state_with_SNF()
    {
        const string answer = """
            {"server": {"id": "84", "name": "My Other Server", "status": "ACTIVE", "suspended": false, "tenant_id": "s0m5-u5e7-1d",
              "image": {"id": "im4g3-1d", "links": []}, "flavor": {"id": 3, "links": []}, "SNF:fqdn": "snf-84.vm.example.org",
              "SNF:task_state": "", "SNF:key_names": [], "key_name": null, "metadata": {"os": "debian", "users": "root"}, "diagnostics": []}}
            """;
        var server = JsonSerializer.Deserialize(answer, CycladesJson.Default.ServerEnvelope)!.Server;
        Assert.That((server.Id, server.Flavor!.Id, server.Image!.Id, server.Fqdn, server.Suspended), Is.EqualTo(("84", "3", "im4g3-1d", "snf-84.vm.example.org", (bool?)false)));
    }

    [Test]
    public void A_detailed_flavor_list_gives_sizes_and_the_disk_template()
    {
        const string answer = """
            {"flavors": [{"id": 1, "name": "One core", "ram": 1024, "SNF:disk_template": "drbd", "disk": 20, "vcpus": 1,
              "os-flavor-access:is_public": true, "SNF:flavor-access": [], "links": []}]}
            """;
        var flavor = JsonSerializer.Deserialize(answer, CycladesJson.Default.FlavorsEnvelope)!.Flavors!.Single();
        Assert.That(flavor, Is.EqualTo(new CycladesFlavor("1", "One core", 1, 1024, 20, "drbd")));
    }

    [Test]
    public void Plankton_answers_a_bare_list_with_properties()
    {
        const string answer = """
            [{"status": "available", "name": "ubuntu", "disk_format": "diskdump", "container_format": "bare",
              "id": "5583ffe1-5273-4c84-9e32-2fbe476bd7b7", "size": 2622562304, "properties": {"os": "fedora", "sortorder": "5"}}]
            """;
        var image = JsonSerializer.Deserialize(answer, PlanktonJson.Default.ListPlanktonImage)!.Single();
        Assert.That((image.Id, image.Status, image.Properties!["os"].GetString()), Is.EqualTo(("5583ffe1-5273-4c84-9e32-2fbe476bd7b7", "available", "fedora")));
    }

    [Test]
    public void The_server_actions_are_Cyclades_bodies()
    {
        Assert.That(System.Text.Encoding.UTF8.GetString(ServerActions.Start), Is.EqualTo("""{"start":{}}"""));
        Assert.That(System.Text.Encoding.UTF8.GetString(ServerActions.Shutdown), Is.EqualTo("""{"shutdown":{}}"""));
        Assert.That(System.Text.Encoding.UTF8.GetString(ServerActions.HardReboot), Is.EqualTo("""{"reboot":{"type":"HARD"}}"""));
    }

    private static CycladesServer Server(string status) => new("1", "vm", status, null, null, null, null, null, null, null, null);
}
