using System.Net;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 10 items 1 and 5: text/occi that rOCCI-cli 4.3 can read, on every backend. rOCCI reads only the first
/// field of an OCCI header name and splits its value on every comma (<see cref="RocciHeaders"/>), so the whole
/// query interface and every kind of entity the gateway renders are checked that way, with templates of the
/// backend's own (os_tpl and resource_tpl) on the compute. Inline links carry occi.core.source and target.
/// </summary>
[TestFixture("Local")]
[TestFixture("Libvirt")]
public class RocciTextOcciTests(string backend) : ServerTest(backend)
{
    private const string UserAgent = "rOCCI-core/4.3.10 rOCCI-api/4.3.10 OCCI/1.1 ruby-x86_64-linux/2.3.3";
    private TestDriverImage? _image;

    /// <summary>libvirt offers the volumes of its image pool as os_tpl: here test:///default's only pool, holding one image.</summary>
    protected override (string Key, string Value)[] Settings =>
        Backend == "Libvirt" ? [.. base.Settings, ("Occi:Libvirt:ImagePool", TestDriverImage.Pool)] : base.Settings;

    [OneTimeSetUp]
    public void ProvideAnImage()
    {
        if (CreatesRunning && (File.Exists("/usr/lib/x86_64-linux-gnu/libvirt.so.0") || File.Exists("/usr/lib64/libvirt.so.0")))
            _image = new TestDriverImage($"rocci-{Guid.NewGuid():N}.qcow2");
    }

    [OneTimeTearDown]
    public void RemoveTheImage() => _image?.Dispose();

    protected override bool HoldsTestDriverState => _image is not null;

    [Test]
    public async Task Query_interface_in_text_occi_is_one_field_per_header_without_commas_in_quoted_values()
    {
        var (status, response) = await GetOcciAsync("/-/");
        Assert.That(status, Is.EqualTo(200), response);
        var fields = RocciHeaders.Fields(response);
        RocciHeaders.AssertReadable(fields, "GET /-/");
        var categories = fields.Single(f => f.Name == "Category").Value;
        Assert.That(categories, Does.Contain("/mixin/os_tpl/").And.Contain("/mixin/resource_tpl/"), "the backend's templates are in the model");
        Assert.That(categories.Split(',').Count(c => c.Contains("/mixin/os_tpl/") && !c.TrimStart().StartsWith("os_tpl;", StringComparison.Ordinal)),
            Is.GreaterThan(0), "an os_tpl of the backend's own is shown");
    }

    [Test]
    public async Task Every_entity_rendering_in_text_occi_is_one_field_per_header_without_commas_in_quoted_values()
    {
        var (osTpl, resourceTpl) = await TemplatesAsync();
        var storage = await CreateAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1\nX-OCCI-Attribute: occi.core.title=\"data\"");
        var network = await CreateAsync("/network/", OcciText.NetworkCategory +
            "\nCategory: ipnetwork; scheme=\"http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\"" +
            "\nX-OCCI-Attribute: occi.network.address=\"192.168.157.0/24\"");

        // Created as rOCCI-cli creates it: every structure in one header field, the rendering asked in text/occi.
        var (status, response) = await RawHttp.SendAsync(Server.BaseAddress,
            "POST /compute/ HTTP/1.1\r\nAccept: text/occi\r\nContent-Type: text/occi\r\nUser-Agent: " + UserAgent + "\r\n"
            + $"Category: compute; scheme=\"{OcciText.Infra}\"; class=\"kind\", {osTpl}, {resourceTpl}\r\n"
            + "X-OCCI-Attribute: occi.core.title=\"rocci\"\r\n"
            + $"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"\r\n");
        Assert.That(status, Is.EqualTo(201), response);
        RocciHeaders.AssertReadable(RocciHeaders.Fields(response), "POST /compute/");
        var compute = new Uri(RocciHeaders.Fields(response).Single(f => f.Name == "Location").Value).AbsolutePath;

        var attach = await SendAsync(HttpMethod.Post, "/link/storagelink/",
            $"Category: storagelink; scheme=\"{OcciText.Infra}\"; class=\"kind\"\n" +
            $"X-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"\nX-OCCI-Attribute: occi.storagelink.deviceid=\"vdb\"");
        Assert.That(attach.StatusCode, Is.EqualTo(HttpStatusCode.Created), await attach.Content.ReadAsStringAsync());
        var storageLink = attach.Headers.Location!.AbsolutePath;
        var networkInterface = SelfOfLinkTo(await GetTextAsync(compute), network);

        var described = await GetOcciAsync(compute);
        var fields = RocciHeaders.Fields(described.Response);
        Assert.That(fields.Single(f => f.Name == "Category").Value, Does.Contain(osTpl.Split(';')[0]).And.Contain(resourceTpl.Split(';')[0]));
        Assert.That(fields.Single(f => f.Name == "Link").Value.Split(',').Count(l => l.Contains("?action=")), Is.GreaterThan(0));

        foreach (var path in new[] { compute, storage, network, networkInterface, storageLink, "/compute/", "/link/networkinterface/", "/link/storagelink/" })
        {
            var (code, text) = await GetOcciAsync(path);
            Assert.That(code, Is.EqualTo(200), text);
            RocciHeaders.AssertReadable(RocciHeaders.Fields(text), "GET " + path);
        }

        // test:///default outlives this server: leave nothing of it behind.
        foreach (var path in new[] { storageLink, compute, storage, network })
            Assert.That((await SendAsync(HttpMethod.Delete, path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "DELETE " + path);
    }

    [Test]
    public async Task Inline_links_name_their_source_and_target_in_text_plain_and_text_occi()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync($"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");

        var plain = (await GetTextAsync(compute)).Split('\n').Single(l => l.StartsWith($"Link: <{network}>", StringComparison.Ordinal));
        var occi = RocciHeaders.Fields((await GetOcciAsync(compute)).Response).Single(f => f.Name == "Link").Value
            .Split(',').Select(v => v.Trim()).Single(v => v.StartsWith($"<{network}>", StringComparison.Ordinal));
        foreach (var link in new[] { plain, occi })
            Assert.That(link, Does.Contain($"; occi.core.source=\"{compute}\"").And.Contain($"; occi.core.target=\"{network}\""));
    }

    [Test]
    public async Task An_inline_link_carrying_its_source_and_target_as_attributes_is_accepted_and_belongs_to_the_new_resource()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        // rOCCI sends its links with their ends among the attributes; the source it names may be its own guess.
        var compute = await CreateComputeAsync($"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"; "
            + $"occi.core.source=\"{Server.Root}/compute/to-be-created\"; occi.core.target=\"{Server.Root}{network}\"");

        var link = (await GetTextAsync(compute)).Split('\n').Single(l => l.StartsWith($"Link: <{network}>", StringComparison.Ordinal));
        Assert.That(link, Does.Contain($"occi.core.source=\"{compute}\"").And.Contain($"occi.core.target=\"{network}\""));
        var linkPath = SelfOfLinkTo(await GetTextAsync(compute), network);
        var described = await GetTextAsync(linkPath);
        Assert.That(OcciText.Attribute(described, "occi.core.source"), Is.EqualTo(compute));
        Assert.That(OcciText.Attribute(described, "occi.core.target"), Is.EqualTo(network));
    }

    [Test]
    public async Task Json_inline_links_keep_their_ends_in_source_and_target_members()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync($"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");
        var r = await SendAsync(HttpMethod.Get, compute, accept: "application/occi+json", headers: ("User-Agent", "json-client OCCI/1.2"));
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        var link = json.RootElement.GetProperty("links").EnumerateArray().Single();
        Assert.That(link.GetProperty("source").GetProperty("location").GetString(), Is.EqualTo(Server.Root + compute));
        Assert.That(link.GetProperty("target").GetProperty("location").GetString(), Is.EqualTo(Server.Root + network));
        Assert.That(link.GetProperty("attributes").TryGetProperty("occi.core.source", out _), Is.False, "GFD.226: the ends are members, not attributes");
    }

    private Task<(int Status, string Response)> GetOcciAsync(string path) =>
        RawHttp.SendAsync(Server.BaseAddress, $"GET {path} HTTP/1.1\r\nAccept: text/occi\r\nUser-Agent: {UserAgent}");

    /// <summary>The first os_tpl and resource_tpl of the backend's own, as Category values (term; scheme; class).</summary>
    private async Task<(string OsTpl, string ResourceTpl)> TemplatesAsync()
    {
        var model = (await GetTextAsync("/-/")).Split('\n');
        string Template(string parent) =>
            model.Where(l => l.Contains($"/mixin/{parent}/") && !l.StartsWith($"Category: {parent};", StringComparison.Ordinal))
                .Select(l => string.Join(';', l["Category: ".Length..].Split(';').Take(3)))
                .First();
        return (Template("os_tpl"), Template("resource_tpl"));
    }

    /// <summary>The self of the resource's Link line whose target is <paramref name="target"/>.</summary>
    private static string SelfOfLinkTo(string resourceRendering, string target)
    {
        var line = resourceRendering.Split('\n').Single(l => l.StartsWith($"Link: <{target}>", StringComparison.Ordinal));
        return line.Split("self=\"")[1].Split('"')[0];
    }
}
