using Occi.Backends.Libvirt.Client;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>The P/Invoke layer against a real libvirt (the test driver).</summary>
public sealed class NativeLayerTests
{
    private static string MinimalDomain(string name) =>
        $"<domain type='test'><name>{name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";

    [Test]
    public void Opening_the_test_driver_reports_its_driver_type()
    {
        using var connection = TestDriver.Open();
        Assert.That(connection.DriverType, Is.EqualTo("Test").IgnoreCase);
    }

    [Test]
    public void An_open_connection_is_alive()
    {
        using var connection = TestDriver.Open();
        Assert.That(connection.IsAlive, Is.True);
    }

    [Test]
    public void Listing_domains_includes_the_drivers_sample_domain()
    {
        using var connection = TestDriver.Open();
        var names = connection.ListDomains().Select(d => { using (d) return d.Name; }).ToList();
        Assert.That(names, Does.Contain("test"));
    }

    [Test]
    public void A_defined_domain_can_be_found_by_its_uuid_until_undefined()
    {
        using var connection = TestDriver.Open();
        var name = "native-" + Guid.NewGuid().ToString("N");
        Guid uuid;
        using (var domain = connection.DefineDomain(MinimalDomain(name))) uuid = domain.Uuid;

        using (var found = connection.FindDomain(uuid))
        {
            Assert.That(found?.Name, Is.EqualTo(name));
            found!.Undefine();
        }
        Assert.That(connection.FindDomain(uuid), Is.Null);
    }

    [Test]
    public void A_started_domain_is_running()
    {
        using var connection = TestDriver.Open();
        using var domain = connection.DefineDomain(MinimalDomain("native-" + Guid.NewGuid().ToString("N")));
        domain.Create();
        Assert.That(domain.State.State, Is.EqualTo(DomainState.Running));
        domain.Destroy();
        domain.Undefine();
    }

    [Test]
    public void Looking_up_an_unknown_domain_name_returns_null()
    {
        using var connection = TestDriver.Open();
        Assert.That(connection.FindDomainByName("no-such-" + Guid.NewGuid().ToString("N")), Is.Null);
    }

    [Test]
    public void Malformed_domain_xml_throws_LibvirtException_with_libvirts_message()
    {
        using var connection = TestDriver.Open();
        var e = Assert.Throws<LibvirtException>(() => connection.DefineDomain("<domain type='test'><name>x</name>"));
        Assert.That(e!.Code, Is.EqualTo(LibvirtErrorCode.XmlError).Or.EqualTo(LibvirtErrorCode.XmlDetail));
        Assert.That(e.Call, Is.EqualTo("virDomainDefineXML"));
        Assert.That(e.LibvirtMessage, Is.Not.Empty);
    }

    [Test]
    public void Destroying_a_shut_off_domain_throws_OperationInvalid()
    {
        using var connection = TestDriver.Open();
        using var domain = connection.DefineDomain(MinimalDomain("native-" + Guid.NewGuid().ToString("N")));
        var e = Assert.Throws<LibvirtException>(domain.Destroy);
        domain.Undefine();
        Assert.That(e!.Code, Is.EqualTo(LibvirtErrorCode.OperationInvalid));
        Assert.That(e.LibvirtMessage, Does.Contain("not running"));
    }

    [Test]
    public void Starting_a_running_domain_throws_LibvirtException_naming_the_call()
    {
        using var connection = TestDriver.Open();
        using var domain = connection.FindDomainByName("test")!;
        var e = Assert.Throws<LibvirtException>(domain.Create);
        Assert.That(e!.Call, Is.EqualTo("virDomainCreate"));
        Assert.That(e.Message, Does.Contain("already running"));
    }

    [Test]
    public void Opening_an_unknown_uri_throws_LibvirtException()
    {
        TestDriver.Require();
        Assert.Throws<LibvirtException>(() => LibvirtConnection.Open("nosuchdriver:///nowhere"));
    }

    [Test]
    public void Volumes_are_created_sized_and_deleted_in_a_pool()
    {
        using var connection = TestDriver.Open();
        using var pool = connection.FindStoragePool(TestDriver.Pool)!;
        var name = "native-" + Guid.NewGuid().ToString("N");
        using (var volume = pool.CreateVolume(Xml.VolumeXml.Blank(name, 1UL << 30, "qcow2")))
        {
            Assert.That(volume.Info.Capacity, Is.EqualTo(1UL << 30));
            volume.Delete();
        }
        Assert.That(pool.FindVolume(name), Is.Null);
    }

    [Test]
    public void The_drivers_default_network_is_active()
    {
        using var connection = TestDriver.Open();
        using var network = connection.FindNetwork("default")!;
        Assert.That(network.IsActive, Is.True);
    }
}
