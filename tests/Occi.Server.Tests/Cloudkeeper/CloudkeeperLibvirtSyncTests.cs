using System.Runtime.InteropServices;
using System.Xml.Linq;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// The same syncs against libvirt's test:///default driver, its "default-pool" both the storage and the image pool:
/// each appliance is a volume <c>occi-appliance-&lt;term&gt;-NNNNNN</c> of the image pool, and a compute created from the
/// appliance's mixin boots a copy-on-write volume whose backing file is that volume. The test driver keeps its
/// state while a connection of the process is open: the fixture holds one, so a restart finds the volumes again.
/// (A real qemu host is covered by the Libvirt backend's QemuDomainTests where libvirtd runs; not here.)
/// </summary>
public sealed class CloudkeeperLibvirtSyncTests : CloudkeeperSyncTests
{
    private const string Library = "libvirt.so.0";
    private nint _connection;

    protected override (string Key, string Value)[] BackendSettings =>
    [
        ("Occi:Backend", "Libvirt"), ("Occi:Libvirt:Uri", "test:///default"),
        ("Occi:Libvirt:StoragePool", "default-pool"), ("Occi:Libvirt:ImagePool", "default-pool"),
    ];

    protected override string Scheme => "http://schemas.occigateway.org/libvirt/os_tpl#";

    [OneTimeSetUp]
    public void HoldTheTestDriver()
    {
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libvirt.so.0") && !File.Exists("/usr/lib64/libvirt.so.0") && !File.Exists("/usr/lib/libvirt.so.0"))
            Assert.Ignore("libvirt.so.0 is not installed (apt-get install libvirt0): the libvirt variant cannot run");
        _connection = virConnectOpen("test:///default");
        Assert.That(_connection, Is.Not.Zero, "virConnectOpen(test:///default)");
    }

    [OneTimeTearDown]
    public void LetGo()
    {
        if (_connection != 0) virConnectClose(_connection);
    }

    protected override async Task AssertBootsFromAsync(string compute, string appliance)
    {
        var body = await (await SendAsync(HttpMethod.Get, compute)).Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("occi.compute.state=\"active\""));
        var id = compute.TrimEnd('/').Split('/')[^1];
        var boot = XElement.Parse(VolumeXml($"occi-{id}-boot") ?? throw new AssertionException($"no boot volume occi-{id}-boot"));
        Assert.That((string?)boot.Element("backingStore")?.Element("path"), Is.EqualTo($"/default-pool/occi-appliance-{TermOf(appliance)}-000001"),
            "the compute's disk reads through to the appliance's image volume");
    }

    protected override Task AssertImageGoneAsync(string appliance)
    {
        Assert.That(VolumeXml($"occi-appliance-{TermOf(appliance)}-000001"), Is.Null);
        return Task.CompletedTask;
    }

    [Test]
    public async Task Each_appliance_is_a_volume_of_the_image_pool_and_an_update_replaces_it()
    {
        await FirstSyncAsync();
        Assert.That(VolumeXml($"occi-appliance-{TermOf(A)}-000001"), Is.Not.Null);

        await Core.UpdateAsync(Core.Appliance(A, ListA, "Ubuntu 24.04 minimal", ImageBytes(11), version: "1.1"));

        Assert.That(VolumeXml($"occi-appliance-{TermOf(A)}-000002"), Is.Not.Null, "the new image");
        Assert.That(VolumeXml($"occi-appliance-{TermOf(A)}-000001"), Is.Null, "the old one, which no compute used, is gone");
        Assert.That((await ApplianceMixinsAsync()).Keys, Does.Contain(TermOf(A)));
    }

    [Test]
    public async Task A_VMDK_image_is_converted_to_qcow2_with_qemu_img_before_it_is_registered()
    {
        if (!File.Exists("/usr/bin/qemu-img")) Assert.Ignore("qemu-img is not installed (apt-get install qemu-utils; .ci/run does)");
        var vmdk = Path.Combine(Path.GetTempPath(), $"occi-appliance-{Guid.NewGuid():N}.vmdk");
        using (var make = System.Diagnostics.Process.Start("qemu-img", ["create", "-q", "-f", "vmdk", vmdk, "1M"]))
            await make.WaitForExitAsync();
        var content = await File.ReadAllBytesAsync(vmdk);
        File.Delete(vmdk);

        await Core.AddAsync(Core.Appliance(A, ListA, "From VMDK", content, format: Image.Types.Format.Vmdk));

        var volume = XElement.Parse(VolumeXml($"occi-appliance-{TermOf(A)}-000001")!);
        Assert.That((string?)volume.Element("target")?.Element("format")?.Attribute("type"), Is.EqualTo("qcow2"));
        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EqualTo(new[] { TermOf(A) }));
    }

    private string? VolumeXml(string name)
    {
        var pool = virStoragePoolLookupByName(_connection, "default-pool");
        try
        {
            var volume = virStorageVolLookupByName(pool, name);
            if (volume == 0) return null;
            try
            {
                var xml = virStorageVolGetXMLDesc(volume, 0);
                try { return Marshal.PtrToStringUTF8(xml); }
                finally { Marshal.FreeHGlobal(xml); }
            }
            finally { virStorageVolFree(volume); }
        }
        finally { virStoragePoolFree(pool); }
    }

    [DllImport(Library)] private static extern nint virConnectOpen(string name);
    [DllImport(Library)] private static extern int virConnectClose(nint connection);
    [DllImport(Library)] private static extern nint virStoragePoolLookupByName(nint connection, string name);
    [DllImport(Library)] private static extern int virStoragePoolFree(nint pool);
    [DllImport(Library)] private static extern nint virStorageVolLookupByName(nint pool, string name);
    [DllImport(Library)] private static extern nint virStorageVolGetXMLDesc(nint volume, uint flags);
    [DllImport(Library)] private static extern int virStorageVolFree(nint volume);
}
