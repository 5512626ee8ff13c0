using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>How the server picks the backend: AddLibvirtBackend / LibvirtBackendRegistration.Register with Occi:Libvirt bound.</summary>
public sealed class RegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Test]
    public void AddLibvirtBackend_registers_the_libvirt_backend_as_the_cloud_backend()
    {
        var services = new ServiceCollection();
        services.AddLibvirtBackend(Configuration(("Occi:Libvirt:Uri", "test:///default")));
        using var provider = services.BuildServiceProvider();
        var backend = provider.GetRequiredService<ICloudBackend>();
        Assert.That(backend, Is.InstanceOf<LibvirtBackend>());
        Assert.That(((LibvirtBackend)backend).Uri, Is.EqualTo("test:///default"));
    }

    [Test]
    public void Register_binds_the_Occi_Libvirt_section()
    {
        var services = new ServiceCollection();
        LibvirtBackendRegistration.Register(services, Configuration(
            ("Occi:Libvirt:StoragePool", "vm-disks"),
            ("Occi:Libvirt:BootOnCreate", "false"),
            ("Occi:Libvirt:Flavours:0:Term", "tiny"),
            ("Occi:Libvirt:Flavours:0:Cores", "1"),
            ("Occi:Libvirt:Flavours:0:MemoryGiB", "0.25")));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<LibvirtOptions>>().Value;
        Assert.That(options.StoragePool, Is.EqualTo("vm-disks"));
        Assert.That(options.ImagePool, Is.Empty, "left to be chosen from the host's pools");
        Assert.That(options.BootOnCreate, Is.False);
        Assert.That(options.EffectiveFlavours.Select(f => f.Term), Is.EqualTo(new[] { "tiny" }));
        Assert.That(options.Uri, Is.EqualTo("qemu:///system"));
    }

    [Test]
    public void Without_configured_flavours_small_medium_and_large_are_offered()
    {
        Assert.That(new LibvirtOptions().EffectiveFlavours.Select(f => f.Term), Is.EqualTo(new[] { "small", "medium", "large" }));
        Assert.That(new LibvirtOptions().EffectiveFlavours.Select(f => f.Title), Has.None.Contain(","), "rOCCI-cli splits text/occi values on every comma");
    }

    [Test]
    public void A_flavour_title_with_a_comma_is_refused_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddLibvirtBackend(Configuration(
            ("Occi:Libvirt:Flavours:0:Term", "tiny"),
            ("Occi:Libvirt:Flavours:0:Title", "Tiny: 1 core, 1 GiB")));
        using var provider = services.BuildServiceProvider();
        Assert.That(() => provider.GetRequiredService<IOptions<LibvirtOptions>>().Value,
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contain("Occi:Libvirt:Flavours").And.Message.Contain("comma"));
    }

    [Test]
    public async Task Describe_offers_the_flavours_as_resource_templates()
    {
        TestDriver.Require();
        using var keeper = TestDriver.Open();
        using var backend = new LibvirtBackend(TestDriver.Options());
        var capabilities = await backend.DescribeAsync(CancellationToken.None);
        var medium = capabilities.Mixins.Single(m => m.Term == "medium" && m.Scheme == new LibvirtOptions().ResourceTemplateScheme);
        Assert.That(medium.IsOrDependsOn(Infrastructure.Mixins.Templates.ResourceTpl.Id), Is.True);
        Assert.That(medium.Attributes[Infrastructure.Kinds.Compute.Cores]?.Default?.AsNumber, Is.EqualTo(2));
    }
}
