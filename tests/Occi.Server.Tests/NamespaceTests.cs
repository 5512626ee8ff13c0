using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class NamespaceTests(string backend) : ServerTest(backend)
{
    [Test]
    public async Task Get_on_a_name_space_path_lists_entities_below_it()
    {
        await SendAsync(HttpMethod.Put, "/users/alice/vm1", OcciText.ComputeCategory);
        await SendAsync(HttpMethod.Put, "/users/alice/vm2", OcciText.ComputeCategory);
        await SendAsync(HttpMethod.Put, "/users/bob/vm3", OcciText.ComputeCategory);
        var locations = OcciText.Locations(await GetTextAsync("/users/alice/"));
        Assert.That(locations, Is.EquivalentTo(new[] { Server.Root + "/users/alice/vm1", Server.Root + "/users/alice/vm2" }));
    }

    [Test]
    public async Task Delete_on_a_name_space_path_deletes_everything_below_it()
    {
        await SendAsync(HttpMethod.Put, "/users/alice/vm1", OcciText.ComputeCategory);
        await SendAsync(HttpMethod.Put, "/users/bob/vm3", OcciText.ComputeCategory);
        var r = await SendAsync(HttpMethod.Delete, "/users/alice/");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(OcciText.Locations(await GetTextAsync("/users/")), Is.EqualTo(new[] { Server.Root + "/users/bob/vm3" }));
    }

    [Test]
    public async Task Health_endpoint_answers()
    {
        var r = await Http.GetAsync("/health");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Put_at_another_path_with_an_id_in_use_is_a_conflict()
    {
        await SendAsync(HttpMethod.Put, "/users/alice/vm1", OcciText.ComputeCategory);
        var r = await SendAsync(HttpMethod.Put, "/users/bob/vm1", OcciText.ComputeCategory);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("vm1"));
    }
}
