using System.Buffers;
using System.Text;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// The benchmark's compute (2 mixins, 6 attributes, 2 inline links, 3 action links) rendered byte for byte,
/// with a non-ASCII title, an astral character, a value needing escapes, a non-ASCII link target and an absolute
/// self link: pins the output so that work on the writers' speed cannot change what they write.
/// </summary>
public sealed class TextRenderingPinTests
{
    private static readonly Mixin Ubuntu = Templates.OsTemplate("http://example.org/occi/os_tpl#", "ubuntu-24.04", "Ubuntu 24.04 – Grüße");
    private static readonly Mixin Small = Templates.ResourceTemplate("http://example.org/occi/resource_tpl#", "small", "Small", 2, 4.0);
    private static readonly RenderContext PinContext = new(new CategoryRegistry(InfrastructureModel.All.Append(Ubuntu).Append(Small)).Current, BaseUrl);

    private static Resource BenchmarkCompute()
    {
        var compute = new Resource { Kind = Compute.Kind.Id, Id = "7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41", Location = "/compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41" };
        compute.Mixins.Add(Ubuntu.Id);
        compute.Mixins.Add(Small.Id);
        compute.Title = "Wébserver 🚀 один";
        compute.Attributes[Compute.Hostname] = "say \"hi\" \\ then\nnext";
        compute.Attributes[Compute.Architecture] = "x64";
        compute.Attributes[Compute.Cores] = 2;
        compute.Attributes[Compute.Memory] = 4.0;
        compute.Attributes[Compute.State] = "active";
        compute.Actions.Add(Compute.Stop.Id);
        compute.Actions.Add(Compute.Restart.Id);
        compute.Actions.Add(Compute.Suspend.Id);

        var nic = new Link
        {
            Kind = NetworkInterface.Kind.Id, Id = "0c1d2e3f", Location = BaseUrl + "/link/networkinterface/0c1d2e3f",
            Source = compute.Location, SourceKind = Compute.Kind.Id, Target = "/network/öffentlich", TargetKind = Network.Kind.Id,
        };
        nic.Attributes[NetworkInterface.Interface] = "eth0";
        nic.Attributes[NetworkInterface.Mac] = "02:00:93:e4:f2:a3";
        nic.Attributes[NetworkInterface.State] = "active";
        compute.Links.Add(nic);

        var disk = new Link
        {
            Kind = StorageLink.Kind.Id, Id = "9a8b7c6d", Location = "/link/storagelink/9a8b7c6d",
            Source = compute.Location, Target = BaseUrl + "/storage/root-disk",
        };
        disk.Mixins.Add(Small.Id);
        disk.Attributes[StorageLink.DeviceId] = "/dev/vda";
        disk.Attributes[StorageLink.State] = "active";
        compute.Links.Add(disk);
        return compute;
    }

    [Test]
    public void Text_plain_renders_the_benchmark_compute_byte_for_byte()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var output = new RenderOutput(buffer);
        PlainText.RenderEntity(BenchmarkCompute(), PinContext, output);
        Assert.That(output.Headers, Is.Empty);
        Assert.That(buffer.WrittenSpan.ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(PlainBody)));
    }

    [Test]
    public void Text_occi_renders_the_benchmark_compute_as_three_ascii_headers_and_ok()
    {
        var (body, headers) = Render(OcciText, (r, o) => r.RenderEntity(BenchmarkCompute(), PinContext, o));
        Assert.That(body, Is.EqualTo("OK\n"));
        Assert.That(headers, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("Category", CategoryHeader),
            new("Link", LinkHeader),
            new("X-OCCI-Attribute", AttributeHeader),
        }));
    }

    [Test]
    public void Text_occi_keeps_headers_already_in_the_output_and_adds_its_own_after_them()
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        output.Headers.Add(new("Category", "earlier"));
        OcciText.RenderEntity(BenchmarkCompute(), PinContext, output);
        Assert.That(output.Headers.Select(h => h.Key), Is.EqualTo(new[] { "Category", "Category", "Link", "X-OCCI-Attribute" }));
        Assert.That(output.Headers[0].Value, Is.EqualTo("earlier"));
        Assert.That(output.Headers[1].Value, Is.EqualTo(CategoryHeader));
    }

    [Test]
    public void Locations_render_absolute_and_percent_encode_non_ascii_only_in_text_occi()
    {
        string[] locations = ["/compute/ä1", "http://elsewhere.example/compute/2"];
        var (plain, _) = Render(PlainText, (r, o) => r.RenderLocations(locations, PinContext, o));
        Assert.That(plain, Is.EqualTo("X-OCCI-Location: http://example.com:8080/compute/ä1\nX-OCCI-Location: http://elsewhere.example/compute/2\n"));
        var (_, headers) = Render(OcciText, (r, o) => r.RenderLocations(locations, PinContext, o));
        Assert.That(headers, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("X-OCCI-Location", "http://example.com:8080/compute/%C3%A41, http://elsewhere.example/compute/2"),
        }));
    }

    [Test]
    public void Rendered_benchmark_compute_parses_back_in_both_flavours()
    {
        var (plain, _) = Render(PlainText, (r, o) => r.RenderEntity(BenchmarkCompute(), PinContext, o));
        var fromPlain = PlainText.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(plain)), PinContext.Model);
        var (ok, headers) = Render(OcciText, (r, o) => r.RenderEntity(BenchmarkCompute(), PinContext, o));
        var fromOcci = OcciText.Parse(new ParseInput(Encoding.UTF8.GetBytes(ok), headers), PinContext.Model);
        foreach (var parsed in new[] { fromPlain, fromOcci })
        {
            Assert.That(parsed.Attributes["occi.core.title"].AsString, Is.EqualTo("Wébserver 🚀 один"));
            Assert.That(parsed.Attributes["occi.compute.hostname"].AsString, Is.EqualTo("say \"hi\" \\ then\nnext"));
        }
    }

    private const string PlainBody =
        "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"; title=\"Compute Resource\"; location=\"http://example.com:8080/compute/\"\n"
        + "Category: ubuntu-24.04; scheme=\"http://example.org/occi/os_tpl#\"; class=\"mixin\"; title=\"Ubuntu 24.04 – Grüße\"; location=\"http://example.com:8080/mixin/os_tpl/ubuntu-24.04/\"\n"
        + "Category: small; scheme=\"http://example.org/occi/resource_tpl#\"; class=\"mixin\"; title=\"Small\"; location=\"http://example.com:8080/mixin/resource_tpl/small/\"\n"
        + "Link: </network/öffentlich>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; self=\"/link/networkinterface/0c1d2e3f\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\"; occi.core.id=\"0c1d2e3f\"; occi.core.source=\"/compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41\"; occi.core.target=\"/network/öffentlich\"; occi.networkinterface.interface=\"eth0\"; occi.networkinterface.mac=\"02:00:93:e4:f2:a3\"; occi.networkinterface.state=\"active\"\n"
        + "Link: </storage/root-disk>; rel=\"http://schemas.ogf.org/occi/core#resource\"; self=\"/link/storagelink/9a8b7c6d\"; category=\"http://schemas.ogf.org/occi/infrastructure#storagelink http://example.org/occi/resource_tpl#small\"; occi.core.id=\"9a8b7c6d\"; occi.core.source=\"/compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41\"; occi.core.target=\"/storage/root-disk\"; occi.storagelink.deviceid=\"/dev/vda\"; occi.storagelink.state=\"active\"\n"
        + "Link: </compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41?action=stop>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#stop\"\n"
        + "Link: </compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41?action=restart>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#restart\"\n"
        + "Link: </compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41?action=suspend>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#suspend\"\n"
        + "X-OCCI-Attribute: occi.core.id=\"7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41\"\n"
        + "X-OCCI-Attribute: occi.core.title=\"Wébserver 🚀 один\"\n"
        + "X-OCCI-Attribute: occi.compute.hostname=\"say \\\"hi\\\" \\\\ then\\nnext\"\n"
        + "X-OCCI-Attribute: occi.compute.architecture=\"x64\"\n"
        + "X-OCCI-Attribute: occi.compute.cores=2\n"
        + "X-OCCI-Attribute: occi.compute.memory=4.0\n"
        + "X-OCCI-Attribute: occi.compute.state=\"active\"\n";

    private const string CategoryHeader =
        "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"; title=\"Compute Resource\"; location=\"http://example.com:8080/compute/\", "
        + "ubuntu-24.04; scheme=\"http://example.org/occi/os_tpl#\"; class=\"mixin\"; title=\"Ubuntu 24.04 \\u2013 Gr\\u00FC\\u00DFe\"; location=\"http://example.com:8080/mixin/os_tpl/ubuntu-24.04/\", "
        + "small; scheme=\"http://example.org/occi/resource_tpl#\"; class=\"mixin\"; title=\"Small\"; location=\"http://example.com:8080/mixin/resource_tpl/small/\"";

    private const string LinkHeader =
        "</network/%C3%B6ffentlich>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; self=\"/link/networkinterface/0c1d2e3f\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\"; occi.core.id=\"0c1d2e3f\"; occi.core.source=\"/compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41\"; occi.core.target=\"/network/\\u00F6ffentlich\"; occi.networkinterface.interface=\"eth0\"; occi.networkinterface.mac=\"02:00:93:e4:f2:a3\"; occi.networkinterface.state=\"active\", "
        + "</storage/root-disk>; rel=\"http://schemas.ogf.org/occi/core#resource\"; self=\"/link/storagelink/9a8b7c6d\"; category=\"http://schemas.ogf.org/occi/infrastructure#storagelink http://example.org/occi/resource_tpl#small\"; occi.core.id=\"9a8b7c6d\"; occi.core.source=\"/compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41\"; occi.core.target=\"/storage/root-disk\"; occi.storagelink.deviceid=\"/dev/vda\"; occi.storagelink.state=\"active\", "
        + "</compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41?action=stop>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#stop\", "
        + "</compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41?action=restart>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#restart\", "
        + "</compute/7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41?action=suspend>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#suspend\"";

    private const string AttributeHeader =
        "occi.core.id=\"7f3c2a10-5b1e-4f0e-9a55-1f0c3b9e2d41\", "
        + "occi.core.title=\"W\\u00E9bserver \\uD83D\\uDE80 \\u043E\\u0434\\u0438\\u043D\", "
        + "occi.compute.hostname=\"say \\\"hi\\\" \\\\ then\\nnext\", "
        + "occi.compute.architecture=\"x64\", "
        + "occi.compute.cores=2, "
        + "occi.compute.memory=4.0, "
        + "occi.compute.state=\"active\"";
}
