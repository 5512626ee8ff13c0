using System.Xml.Linq;
using Occi.Backends.Libvirt.Translation;
using Occi.Backends.Libvirt.Xml;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>Names, UUIDs and XML the backend writes and reads (no libvirt needed).</summary>
public sealed class NamingAndXmlTests
{
    [Test]
    public void A_uuid_id_is_the_domain_uuid()
    {
        var id = Guid.NewGuid();
        Assert.That(EntityNames.DomainUuid(id.ToString()), Is.EqualTo(id));
    }

    [Test]
    public void A_non_uuid_id_gets_a_stable_version_5_uuid()
    {
        var a = EntityNames.DomainUuid("web-1");
        Assert.That(EntityNames.DomainUuid("web-1"), Is.EqualTo(a));
        Assert.That(EntityNames.DomainUuid("web-2"), Is.Not.EqualTo(a));
        Assert.That(a.Version, Is.EqualTo(5));
    }

    [Test]
    public void The_current_appliance_volume_of_a_term_is_its_highest_number_and_none_without_one()
    {
        string[] pool = ["debian-12.qcow2", ApplianceVolumes.Name("a1", 2), ApplianceVolumes.Name("a1", 10), ApplianceVolumes.Name("b2", 30)];
        Assert.That(ApplianceVolumes.Current(pool, "a1"), Is.EqualTo(ApplianceVolumes.Name("a1", 10)));
        // A plain os_tpl (no appliance volume of its term) and an empty pool have none: the caller falls back to the pool's images.
        Assert.That(ApplianceVolumes.Current(pool, "debian-12"), Is.Null);
        Assert.That(ApplianceVolumes.Current([], "a1"), Is.Null);
    }

    [TestCase("/compute/abc", "abc")]
    [TestCase("/compute/abc/", "abc")]
    [TestCase("http://gw.example/storage/x-1", "x-1")]
    [TestCase("abc", "abc")]
    public void The_id_is_the_last_segment_of_a_location(string location, string id)
    {
        Assert.That(EntityNames.IdFromLocation(location), Is.EqualTo(id));
    }

    [Test]
    public void Unsafe_ids_become_safe_distinct_names()
    {
        var a = EntityNames.Domain("a/b");
        Assert.That(a, Does.Not.Contain("/"));
        Assert.That(EntityNames.Domain("a_b"), Is.Not.EqualTo(a));
    }

    [TestCase("debian-12.qcow2", "debian-12")]
    [TestCase("Ubuntu 24.04.img", "ubuntu_24_04")]
    [TestCase("9front.raw", "img_9front")]
    public void Image_volume_names_become_valid_terms(string volume, string term)
    {
        Assert.That(LibvirtTemplates.TermOf(volume), Is.EqualTo(term));
    }

    // rOCCI-cli splits text/occi header values on every comma: an os_tpl title must hold none.
    [TestCase("debian-12.qcow2", 2UL << 30, "qcow2", "debian-12.qcow2 (2 GiB qcow2)")]
    [TestCase("seed.iso", 384UL << 20, "raw", "seed.iso (384 MiB raw)")]
    [TestCase("web,db.img", 3UL << 29, "raw", "web db.img (1.5 GiB raw)")]
    public void Image_titles_give_name_size_and_format_without_a_comma(string volume, ulong bytes, string format, string title)
    {
        Assert.That(LibvirtTemplates.TitleOf(volume, bytes, format), Is.EqualTo(title));
    }

    [Test]
    public void Domain_xml_carries_name_uuid_size_and_the_gateways_tag()
    {
        var uuid = Guid.NewGuid();
        var xml = XElement.Parse(DomainXml.Build(new DomainSpec("occi-x", uuid, "qemu", "x", "kind#compute", "My VM", 2, 2048,
            [new DiskSpec("/var/lib/libvirt/images/occi-x-boot", "qcow2", "vda")], [new OwnedVolume("default", "occi-x-boot")])));
        Assert.That(xml.Attribute("type")!.Value, Is.EqualTo("qemu"));
        Assert.That(xml.Element("uuid")!.Value, Is.EqualTo(uuid.ToString()));
        Assert.That(xml.Element("vcpu")!.Value, Is.EqualTo("2"));
        Assert.That(xml.Element("memory")!.Value, Is.EqualTo("2048"));
        Assert.That(xml.Element("title")!.Value, Is.EqualTo("My VM"));
        Assert.That(xml.Element("cpu"), Is.Null, "a cpu mode is for kvm only");
        var tag = xml.Element("metadata")!.Element(XName.Get("entity", DomainXml.Namespace))!;
        Assert.That(DomainXml.OwnedVolumes(tag.ToString()), Is.EqualTo(new[] { new OwnedVolume("default", "occi-x-boot") }));
    }

    [Test]
    public void Resizing_a_definition_replaces_vcpu_and_memory()
    {
        const string xml = "<domain type='kvm'><name>n</name><uuid>u</uuid><memory unit='KiB'>1048576</memory><currentMemory unit='KiB'>1048576</currentMemory><vcpu placement='static'>1</vcpu></domain>";
        var resized = XDocument.Parse(DomainXml.Resized(xml, 4, 8192, null));
        Assert.That(DomainXml.Cores(resized), Is.EqualTo(4));
        Assert.That(DomainXml.MemoryMiB(resized), Is.EqualTo(8192));
    }

    [Test]
    public void Memory_in_KiB_reads_as_MiB()
    {
        var doc = XDocument.Parse("<domain><memory unit='KiB'>524288</memory></domain>");
        Assert.That(DomainXml.MemoryMiB(doc), Is.EqualTo(512));
    }

    [Test]
    public void A_network_address_gets_its_first_host_as_gateway_and_the_rest_as_dhcp_range()
    {
        var subnet = Ipv4Subnet.Parse("10.5.6.0/24", null);
        Assert.That(subnet.Gateway.ToString(), Is.EqualTo("10.5.6.1"));
        var range = subnet.DhcpRange()!.Value;
        Assert.That((range.Start.ToString(), range.End.ToString()), Is.EqualTo(("10.5.6.2", "10.5.6.254")));
        Assert.That(subnet.Cidr, Is.EqualTo("10.5.6.0/24"));
    }

    [Test]
    public void A_gateway_outside_the_network_is_rejected()
    {
        Assert.Throws<FormatException>(() => Ipv4Subnet.Parse("10.5.6.0/24", "10.5.7.1"));
    }

    [Test]
    public void Overlapping_subnets_are_detected()
    {
        Assert.That(Ipv4Subnet.Parse("192.168.122.0/24", null).Overlaps(Ipv4Subnet.Parse("192.168.122.128/25", null)), Is.True);
        Assert.That(Ipv4Subnet.Parse("192.168.122.0/24", null).Overlaps(Ipv4Subnet.Parse("192.168.123.0/24", null)), Is.False);
    }

    [Test]
    public void Network_xml_round_trips_its_subnet()
    {
        var xml = NetworkXml.Build("occi-n", Guid.NewGuid(), "nat", Ipv4Subnet.Parse("10.9.0.0/16", "10.9.0.254"), dhcp: true);
        var read = NetworkXml.Ipv4(xml)!.Value;
        Assert.That(read.Subnet.Cidr, Is.EqualTo("10.9.0.0/16"));
        Assert.That(read.Subnet.Gateway.ToString(), Is.EqualTo("10.9.0.254"));
        Assert.That(read.Dhcp, Is.True);
    }

    [TestCase("kvm qemu", "kvm")]
    [TestCase("qemu", "qemu")]
    [TestCase("test", "test")]
    public void The_best_domain_type_the_host_offers_is_chosen(string offered, string chosen)
    {
        var domains = string.Concat(offered.Split(' ').Select(t => $"<domain type='{t}'/>"));
        var capabilities = $"<capabilities><guest><os_type>hvm</os_type><arch name='x86_64'>{domains}</arch></guest></capabilities>";
        Assert.That(LibvirtHost.BestDomainType(capabilities), Is.EqualTo(chosen));
    }
}
