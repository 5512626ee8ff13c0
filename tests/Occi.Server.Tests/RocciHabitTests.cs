using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>What rOCCI-cli 4.3 sends (see ../shared/fixtures/SOURCES.md and the rOCCI-api cassettes).</summary>
[TestFixture("Local")]
[TestFixture("Libvirt")]
public class RocciHabitTests(string backend) : ServerTest(backend)
{
    private const string UserAgent = "rOCCI-core/4.2.5 rOCCI-api/4.2.0.beta.12 OCCI/1.1 ruby-x86_64-linux/1.9.3p194";

    [Test]
    public async Task Comma_listed_content_type_and_accept_are_understood()
    {
        var body = OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.id=\"77e5988e-528e-4e1e-925e-1b22714463f7\"\n";
        var request = Server.Request(HttpMethod.Post, "/compute/", accept: null);
        request.Headers.TryAddWithoutValidation("Accept", "text/plain,text/occi");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Content = new StringContent(body);
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain,text/occi");
        var r = await Http.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(OcciText.Locations(text), Is.EqualTo(new[] { Server.Root + "/compute/77e5988e-528e-4e1e-925e-1b22714463f7" }));
    }

    [Test]
    public async Task Header_names_in_other_letter_cases_are_read()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/",
            "category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\nX-Occi-Attribute: occi.core.title=\"cased\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Attribute(await GetTextAsync(r.Headers.Location!.AbsolutePath), "occi.core.title"), Is.EqualTo("cased"));
    }

    [Test]
    public async Task Rocci_run_starts_with_query_interface_and_lists_with_uri_list()
    {
        var model = await SendAsync(HttpMethod.Get, "/-/", accept: "text/plain,text/occi", headers: ("User-Agent", UserAgent));
        Assert.That(model.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var compute = await CreateComputeAsync();
        var list = await SendAsync(HttpMethod.Get, "/compute/", accept: "text/uri-list", headers: ("User-Agent", UserAgent));
        Assert.That((await list.Content.ReadAsStringAsync()).Trim(), Is.EqualTo(Server.Root + compute));
    }

    [Test]
    public async Task Rocci_update_with_mixins_answers_200_with_the_rendering()
    {
        var compute = await CreateComputeAsync();
        var model = await GetTextAsync("/-/");
        var line = model.Split('\n').First(l => l.Contains("/mixin/resource_tpl/") && !l.StartsWith("Category: resource_tpl;"));
        var term = line["Category: ".Length..line.IndexOf(';')];
        var scheme = line.Split("scheme=\"")[1].Split('"')[0];
        var r = await SendAsync(HttpMethod.Post, compute, $"Category: {term};scheme=\"{scheme}\";class=\"mixin\"", contentType: "text/plain");
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain($"Category: {term};"));
    }
}
