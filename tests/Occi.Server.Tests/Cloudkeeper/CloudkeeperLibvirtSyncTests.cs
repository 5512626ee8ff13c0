using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// The same syncs against libvirt, twice: libvirt's test:///default driver, its "default-pool" both the storage and
/// the image pool (it keeps its state while a connection of the process is open: the fixture holds one, so a restart
/// finds the volumes again); and a real qemu driver (OCCI_TEST_LIBVIRT_URI, default qemu:///system, where libvirtd
/// runs: .ci/run starts it) with a transient directory pool of the fixture's own, the images real qcow2 files and the
/// computes real domains. Each appliance is a volume <c>occi-appliance-&lt;term&gt;-NNNNNN</c> of the image pool, and a
/// compute created from the appliance's mixin boots a copy-on-write volume whose backing file is that volume.
/// </summary>
[TestFixture(TestDriver)]
[TestFixture(Qemu)]
public sealed class CloudkeeperLibvirtSyncTests(string driver) : CloudkeeperSyncTests
{
    private const string TestDriver = "test:///default";
    private const string Qemu = "qemu";
    private const string Library = "libvirt.so.0";

    private readonly Dictionary<int, byte[]> _qcow2 = [];
    private nint _connection;
    private string _uri = TestDriver;
    private string _pool = "default-pool";
    private string _poolPath = "/default-pool";

    protected override (string Key, string Value)[] BackendSettings =>
    [
        ("Occi:Backend", "Libvirt"), ("Occi:Libvirt:Uri", _uri),
        ("Occi:Libvirt:StoragePool", _pool), ("Occi:Libvirt:ImagePool", _pool),
        // A real domain's memory: the firmware finds no bootable disk and waits, which is all a test needs.
        ("Occi:Libvirt:DefaultMemoryGiB", "0.125"), ("Occi:Libvirt:TimeoutSeconds", "120"),
    ];

    protected override string Scheme => "http://schemas.occigateway.org/libvirt/os_tpl#";

    [OneTimeSetUp]
    public void OpenTheDriver()
    {
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libvirt.so.0") && !File.Exists("/usr/lib64/libvirt.so.0") && !File.Exists("/usr/lib/libvirt.so.0"))
            Assert.Ignore("libvirt.so.0 is not installed (apt-get install libvirt0): the libvirt variant cannot run");
        if (driver == TestDriver)
        {
            _connection = virConnectOpen(TestDriver);
            Assert.That(_connection, Is.Not.Zero, "virConnectOpen(test:///default)");
            return;
        }
        if (!File.Exists("/usr/bin/qemu-img")) Assert.Ignore("qemu-img is not installed (apt-get install qemu-utils; .ci/run does)");
        _uri = Environment.GetEnvironmentVariable("OCCI_TEST_LIBVIRT_URI") is { Length: > 0 } u ? u : "qemu:///system";
        _connection = virConnectOpen(_uri);
        if (_connection == 0)
            Assert.Ignore($"no qemu driver reachable at {_uri} (needs libvirt-daemon-system, qemu-system-x86 and a running libvirtd; .ci/run starts it): {LastError()}");
        _pool = "occi-ck-" + Guid.NewGuid().ToString("N")[..8];
        _poolPath = Path.Combine(Path.GetTempPath(), _pool);
        var pool = virStoragePoolCreateXML(_connection, $"<pool type='dir'><name>{_pool}</name><target><path>{_poolPath}</path></target></pool>", 1);
        if (pool == 0) Assert.Ignore($"cannot create a directory pool on {_uri}: {LastError()}");
        virStoragePoolFree(pool);
    }

    [OneTimeTearDown]
    public void CloseTheDriver()
    {
        if (_connection == 0) return;
        if (driver == Qemu)
        {
            RemoveDomainsOfThePool();
            var pool = virStoragePoolLookupByName(_connection, _pool);
            if (pool != 0)
            {
                virStoragePoolDestroy(pool); // a transient pool is gone once stopped; its folder stays
                virStoragePoolFree(pool);
            }
            if (Directory.Exists(_poolPath)) Directory.Delete(_poolPath, recursive: true);
        }
        virConnectClose(_connection);
    }

    /// <summary>On qemu, each seed a real qcow2 image (of seed MiB), so that a copy-on-write clone can read through to it.</summary>
    protected override byte[] ImageBytes(int seed, int length = 64 * 1024)
    {
        if (driver == TestDriver) return base.ImageBytes(seed, length);
        lock (_qcow2)
        {
            if (_qcow2.TryGetValue(seed, out var known)) return known;
            var file = Path.Combine(Path.GetTempPath(), $"occi-ck-{Guid.NewGuid():N}.qcow2");
            using (var make = Process.Start("qemu-img", ["create", "-q", "-f", "qcow2", file, $"{seed}M"]))
                make.WaitForExit();
            var bytes = File.ReadAllBytes(file);
            File.Delete(file);
            return _qcow2[seed] = bytes;
        }
    }

    protected override async Task AssertBootsFromAsync(string compute, string appliance)
    {
        var body = await (await SendAsync(HttpMethod.Get, compute)).Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("occi.compute.state=\"active\""), body);
        var id = compute.TrimEnd('/').Split('/')[^1];
        var boot = XElement.Parse(VolumeXml($"occi-{id}-boot") ?? throw new AssertionException($"no boot volume occi-{id}-boot"));
        Assert.That((string?)boot.Element("backingStore")?.Element("path"), Is.EqualTo($"{_poolPath}/occi-appliance-{TermOf(appliance)}-000001"),
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
        using (var make = Process.Start("qemu-img", ["create", "-q", "-f", "vmdk", vmdk, "1M"]))
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
        var pool = virStoragePoolLookupByName(_connection, _pool);
        try
        {
            virStoragePoolRefresh(pool, 0); // a real pool lists what the server's connection made only once refreshed
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

    /// <summary>A domain a failed test left running on its disks in the pool: stopped and undefined, so no qemu process outlives the fixture.</summary>
    private void RemoveDomainsOfThePool()
    {
        var count = virConnectListAllDomains(_connection, out var list, 0);
        if (count <= 0) return;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var domain = Marshal.ReadIntPtr(list, i * IntPtr.Size);
                var xml = virDomainGetXMLDesc(domain, 0);
                var text = Marshal.PtrToStringUTF8(xml) ?? "";
                Marshal.FreeHGlobal(xml);
                if (text.Contains(_poolPath, StringComparison.Ordinal))
                {
                    virDomainDestroy(domain);
                    virDomainUndefine(domain);
                }
                virDomainFree(domain);
            }
        }
        finally { Marshal.FreeHGlobal(list); }
    }

    private static string LastError() => Marshal.PtrToStringUTF8(virGetLastErrorMessage()) ?? "no message";

    [DllImport(Library)] private static extern nint virConnectOpen(string name);
    [DllImport(Library)] private static extern int virConnectClose(nint connection);
    [DllImport(Library)] private static extern nint virGetLastErrorMessage();
    [DllImport(Library)] private static extern nint virStoragePoolCreateXML(nint connection, string xml, uint flags);
    [DllImport(Library)] private static extern nint virStoragePoolLookupByName(nint connection, string name);
    [DllImport(Library)] private static extern int virStoragePoolRefresh(nint pool, uint flags);
    [DllImport(Library)] private static extern int virStoragePoolDestroy(nint pool);
    [DllImport(Library)] private static extern int virStoragePoolFree(nint pool);
    [DllImport(Library)] private static extern nint virStorageVolLookupByName(nint pool, string name);
    [DllImport(Library)] private static extern nint virStorageVolGetXMLDesc(nint volume, uint flags);
    [DllImport(Library)] private static extern int virStorageVolFree(nint volume);
    [DllImport(Library)] private static extern int virConnectListAllDomains(nint connection, out nint domains, uint flags);
    [DllImport(Library)] private static extern nint virDomainGetXMLDesc(nint domain, uint flags);
    [DllImport(Library)] private static extern int virDomainDestroy(nint domain);
    [DllImport(Library)] private static extern int virDomainUndefine(nint domain);
    [DllImport(Library)] private static extern int virDomainFree(nint domain);
}
