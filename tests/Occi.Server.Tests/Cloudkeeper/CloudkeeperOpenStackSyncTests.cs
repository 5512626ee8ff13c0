using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Issue 16 on the real loopback OpenStack (../shared/openstack), Occi:Backend = OpenStack as the demo account: the
/// same syncs as against the simulator, each appliance a Glance image with cloudkeeper-os's properties in the project
/// its VO maps to (fedcloud.egi.eu → demo); Glance is asked directly what it holds, and a compute made from an
/// appliance's os_tpl boots that image on Nova. Each fixture marks what it makes with a GatewayTag of its own and
/// removes all of it (servers, images) after every test.
/// </summary>
[Category(OpenStackDirect.Category)]
public sealed class CloudkeeperOpenStackSyncTests : CloudkeeperSyncTests
{
    private const string D = "4e1f0a9b-7c6d-4b5a-8e3f-2d1c0b9a8f04";

    private readonly string _tag = "occi-ck-" + Guid.NewGuid().ToString("N")[..12];
    private OpenStackDirect _cloud = null!;
    private string _project = null!;
    private string? _server;

    protected override (string Key, string Value)[] BackendSettings =>
    [
        ("Occi:Backend", "OpenStack"), ("Occi:OpenStack:IdentityUrl", OpenStackDirect.IdentityUrl),
        ("Occi:OpenStack:Username", "demo"), ("Occi:OpenStack:Password", "secret"), ("Occi:OpenStack:ProjectName", "demo"),
        ("Occi:OpenStack:GatewayTag", _tag), ("Occi:OpenStack:Appliances:Projects:fedcloud.egi.eu", "demo"),
    ];

    protected override string Scheme => OpenStackGateway.OsScheme;

    /// <summary>m1.tiny, the loopback cloud's one flavor, has 64 MiB: an appliance asking more would not boot (Glance's min_ram).</summary>
    protected override long ApplianceRam => 64;

    [OneTimeSetUp]
    public async Task ConnectToTheCloud()
    {
        (var token, _project) = await OpenStackDirect.TokenAsync("demo");
        _cloud = new OpenStackDirect(token);
    }

    [TearDown]
    public async Task RemoveWhatTheTestMade()
    {
        if (_cloud is null) return;
        var servers = (await _cloud.GetAsync(OpenStackDirect.Nova + "servers/detail"))!["servers"]!.AsArray()
            .Where(s => s!["metadata"]?["occi_gateway"]?.GetValue<string>() == _tag).Select(s => s!["id"]!.GetValue<string>()).ToArray();
        foreach (var id in servers) await _cloud.DeleteAsync(OpenStackDirect.Nova + "servers/" + id);
        foreach (var id in servers) await OpenStackDirect.EventuallyAsync(async () => await _cloud.ServerAsync(id) is null, OpenStackGateway.Deadline);
        foreach (var image in await ImagesAsync("occi_gateway=" + _tag)) await _cloud.DeleteAsync(OpenStackDirect.Glance + "images/" + Id(image));
        foreach (var image in await ImagesAsync("name=" + _tag + "-foreign")) await _cloud.DeleteAsync(OpenStackDirect.Glance + "images/" + Id(image));
    }

    [OneTimeTearDown]
    public void Disconnect() => _cloud?.Dispose();

    [Test]
    public async Task After_a_full_sync_Glance_holds_exactly_the_appliance_left_with_cloudkeeper_os_properties_in_the_VOs_project()
    {
        await FirstSyncAsync();
        Assert.That((await ImagesAsync("occi_gateway=" + _tag)).Select(i => i["APPLIANCE_ID"]!.GetValue<string>()), Is.EquivalentTo(new[] { A, B, C }));
        var first = Id((await ImagesAsync($"occi_gateway={_tag}&APPLIANCE_ID={A}")).Single());

        await Core.UpdateAsync(Core.Appliance(A, ListA, "Ubuntu 24.04 minimal", ImageBytes(11), version: "1.1"));
        await Core.Client.RemoveApplianceAsync((await Core.AppliancesAsync(ListA)).Single(x => x.Identifier == B));
        Clock.Advance(TimeSpan.FromMinutes(2)); // past C's expiry, short of a real cloud's token renewal (the clock is everyone's)
        await Core.Client.RemoveExpiredAppliancesAsync(new Empty());

        var image = (await ImagesAsync("occi_gateway=" + _tag)).Single();
        Assert.That(Id(image), Is.Not.EqualTo(first), "an update registers a new image and deletes the old one, which no server ran from");
        Assert.That(Text(image, "status"), Is.EqualTo("active"));
        Assert.That(Text(image, "owner"), Is.EqualTo(_project), "in the project fedcloud.egi.eu maps to");
        Assert.That(Text(image, "visibility"), Is.EqualTo("private"));
        Assert.That(Text(image, "disk_format"), Is.EqualTo("qcow2"));
        Assert.That(Text(image, "container_format"), Is.EqualTo("bare"));
        Assert.That(Text(image, "name"), Is.EqualTo("Ubuntu 24.04 minimal"));
        Assert.That(Text(image, "os_hash_value"), Is.EqualTo(CloudkeeperCore.Sha512(ImageBytes(11))), "Glance holds the bytes the core sent");
        Assert.That(image["min_ram"]!.GetValue<int>(), Is.EqualTo(64));
        Assert.That(Text(image, "APPLIANCE_ID"), Is.EqualTo(A));
        Assert.That(Text(image, "APPLIANCE_IMAGE_LIST_ID"), Is.EqualTo(ListA));
        Assert.That(Text(image, "APPLIANCE_VERSION"), Is.EqualTo("1.1"));
        Assert.That(Text(image, "APPLIANCE_VO"), Is.EqualTo("fedcloud.egi.eu"));
        Assert.That(Text(image, "APPLIANCE_MPURI"), Is.EqualTo($"https://appdb.egi.eu/store/vm/image/{A}:1.1/"));
        Assert.That(Text(image, "vmcatcher_event_ad_mpuri"), Is.EqualTo($"https://appdb.egi.eu/store/vm/image/{A}:1.1/"));
        Assert.That(Text(image, "APPLIANCE_RAM"), Is.EqualTo("64"));
        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EqualTo(new[] { TermOf(A) }));
    }

    [Test]
    public async Task UpdateApplianceMetadata_patches_the_Glance_image_in_place()
    {
        await FirstSyncAsync();
        var before = Id((await ImagesAsync($"occi_gateway={_tag}&APPLIANCE_ID={A}")).Single());
        var changed = Core.Appliance(A, ListA, "Ubuntu 24.04 LTS", ImageBytes(1), version: "1.0");
        changed.Image = null;
        changed.Group = "";

        await Core.Client.UpdateApplianceMetadataAsync(changed);

        var image = (await ImagesAsync($"occi_gateway={_tag}&APPLIANCE_ID={A}")).Single();
        Assert.That(Id(image), Is.EqualTo(before), "the same image");
        Assert.That(Text(image, "name"), Is.EqualTo("Ubuntu 24.04 LTS"));
        Assert.That(Text(image, "APPLIANCE_TITLE"), Is.EqualTo("Ubuntu 24.04 LTS"));
        Assert.That(image.AsObject().ContainsKey("APPLIANCE_GROUP"), Is.False, "a field the core no longer sets is removed");
        Assert.That(Text(image, "os_hash_value"), Is.EqualTo(CloudkeeperCore.Sha512(ImageBytes(1))), "the registered bytes stay");
    }

    [Test]
    public async Task An_appliance_of_a_VO_mapped_to_no_project_is_refused_with_FailedPrecondition_and_nothing_is_registered()
    {
        var refused = Assert.ThrowsAsync<RpcException>(() => Core.AddAsync(Core.Appliance(D, ListA, "Fedora", ImageBytes(4), vo: "unmapped.example.org")));

        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain("unmapped.example.org").And.Contain("Occi:OpenStack:Appliances:Projects"));
        Assert.That(await ImagesAsync("occi_gateway=" + _tag), Is.Empty);
        Assert.That(await ApplianceMixinsAsync(), Is.Empty);
        Assert.That(await Core.ImageListsAsync(), Is.Empty);
    }

    [Test]
    public async Task An_image_with_the_same_properties_registered_outside_the_gateway_is_an_os_tpl_with_the_same_AppDB_attributes()
    {
        await FirstSyncAsync();
        var registered = (await ImagesAsync($"occi_gateway={_tag}&APPLIANCE_ID={A}")).Single();
        // As cloudkeeper-os would have registered it: the same properties, none of the gateway's marks.
        var body = new JsonObject { ["name"] = _tag + "-foreign", ["disk_format"] = "qcow2", ["container_format"] = "bare" };
        foreach (var (key, value) in registered.AsObject())
            if (key.StartsWith("APPLIANCE_", StringComparison.Ordinal) || key == "vmcatcher_event_ad_mpuri") body[key] = value!.GetValue<string>();
        var foreign = Id((await _cloud.SendAsync(HttpMethod.Post, OpenStackDirect.Glance + "images", body))!);
        await UploadAsync(foreign, ImageBytes(5));

        Clock.Advance(TimeSpan.FromSeconds(10)); // Occi:ModelRefreshSeconds: the model reads Glance again
        var derived = await DerivedOsTemplateAsync(foreign);

        Assert.That(derived, Is.Not.Null, $"os_tpl {foreign} after the model refresh");
        var appliance = (await ApplianceMixinsAsync())[TermOf(A)].Attributes;
        foreach (var name in new[] { "id", "mpuri", "base_mpuri", "version", "operating_system", "image_list.id", "appid", "vo" })
            Assert.That(derived, Does.ContainKey("eu.egi.fedcloud.appliance.appdb." + name).WithValue(appliance["eu.egi.fedcloud.appliance.appdb." + name]), name);
        Assert.That(await DerivedOsTemplateAsync(Id(registered), wait: false), Is.Null,
            "the gateway's own appliance image is offered once, under the appliance's term, not again under its image id");
    }

    protected override async Task AssertBootsFromAsync(string compute, string appliance)
    {
        var active = await OpenStackDirect.EventuallyAsync(async () =>
        {
            var request = Server.Request(HttpMethod.Get, compute);
            request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
            var body = await (await Server.Client.SendAsync(request)).Content.ReadAsStringAsync();
            return OcciText.Attribute(body, "occi.compute.state") == "active";
        }, OpenStackGateway.Deadline);
        Assert.That(active, Is.True, "the compute became active within the deadline");
        _server = await _cloud.ServerIdOfAsync(compute.TrimEnd('/').Split('/')[^1]);
        var server = await _cloud.ServerAsync(_server!);
        var image = Id((await ImagesAsync($"occi_gateway={_tag}&APPLIANCE_ID={appliance}")).Single());
        Assert.That(server!["image"]!["id"]!.GetValue<string>(), Is.EqualTo(image), "Nova booted the appliance's Glance image");
    }

    protected override async Task ComputeGoneAsync()
    {
        if (_server is { } id)
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => await _cloud.ServerAsync(id) is null, OpenStackGateway.Deadline), Is.True, "Nova deleted the server");
    }

    protected override async Task AssertImageGoneAsync(string appliance) =>
        Assert.That(await ImagesAsync($"occi_gateway={_tag}&APPLIANCE_ID={appliance}"), Is.Empty, "Glance no longer holds the appliance's image");

    /// <summary>The images of the demo project's view with these properties (Glance filters by property).</summary>
    private async Task<IReadOnlyList<JsonNode>> ImagesAsync(string filter) =>
        (await _cloud.GetAsync(OpenStackDirect.Glance + "images?" + filter))!["images"]!.AsArray().Select(i => i!).ToArray();

    private async Task UploadAsync(string image, byte[] bytes)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, OpenStackDirect.Glance + $"images/{image}/file") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("X-Auth-Token", (await OpenStackDirect.TokenAsync("demo")).Token);
        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    /// <summary>The attribute defaults of the os_tpl the backend made of a Glance image (term = its id), or null when the model has none.</summary>
    private async Task<IReadOnlyDictionary<string, string>?> DerivedOsTemplateAsync(string imageId, bool wait = true)
    {
        IReadOnlyDictionary<string, string>? found = null;
        await OpenStackDirect.EventuallyAsync(async () => (found = await OsTemplateAsync(imageId)) is not null || !wait, TimeSpan.FromSeconds(30));
        return found;
    }

    private async Task<IReadOnlyDictionary<string, string>?> OsTemplateAsync(string term)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/-/");
        request.Headers.Accept.ParseAdd("application/occi+json");
        var json = JsonNode.Parse(await (await Server.Client.SendAsync(request)).Content.ReadAsStringAsync())!;
        var mixin = json["mixins"]!.AsArray().FirstOrDefault(m => m!["scheme"]!.GetValue<string>() == Scheme && m["term"]!.GetValue<string>() == term);
        return mixin?["attributes"]?.AsObject().ToDictionary(a => a.Key, a => a.Value?["default"]?.ToString() ?? "");
    }

    private static string Id(JsonNode image) => image["id"]!.GetValue<string>();

    private static string? Text(JsonNode image, string property) => image[property]?.GetValue<string>();
}
