using Occi.Core.BackendContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>compute ↔ domain on the test driver.</summary>
public sealed class ComputeTests : BackendFixture
{
    [Test]
    public async Task Create_with_a_resource_template_starts_a_domain_of_that_size()
    {
        var compute = TestDriver.Compute(TestDriver.Flavour(Options, "medium"));
        await Backend.CreateAsync(Caller, compute, None);

        using var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!;
        Assert.That(domain, Is.Not.Null);
        Assert.That(domain.State.State, Is.EqualTo(Client.DomainState.Running));
        Assert.That(compute.Attributes[Compute.Cores].AsNumber, Is.EqualTo(2));
        Assert.That(compute.Attributes[Compute.Memory].AsNumber, Is.EqualTo(4));
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
        Assert.That(compute.BackendId, Is.EqualTo(compute.Id));
    }

    [Test]
    public async Task With_BootOnCreate_off_the_domain_is_defined_but_not_started()
    {
        var options = TestDriver.Options();
        options.BootOnCreate = false;
        using var backend = new LibvirtBackend(options);
        var compute = TestDriver.Compute();
        await backend.CreateAsync(Caller, compute, None);
        using var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!;
        Assert.That(domain.State.State, Is.EqualTo(Client.DomainState.Shutoff));
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("inactive"));
        await backend.DeleteAsync(Caller, compute, None);
    }

    [Test]
    public async Task Explicit_cores_and_memory_are_used_without_a_template()
    {
        var compute = TestDriver.Compute();
        compute.Attributes[Compute.Cores] = 3;
        compute.Attributes[Compute.Memory] = 0.5;
        await Backend.CreateAsync(Caller, compute, None);
        Assert.That(compute.Attributes[Compute.Cores].AsNumber, Is.EqualTo(3));
        Assert.That(compute.Attributes[Compute.Memory].AsNumber, Is.EqualTo(0.5));
    }

    [Test]
    public async Task The_domain_carries_the_gateways_metadata_tag()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        using var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!;
        Assert.That(domain.Metadata(Xml.DomainXml.Namespace), Does.Contain(compute.Id));
    }

    [Test]
    public async Task Refresh_reads_a_state_changed_on_the_host()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        using (var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!) domain.Suspend();

        Assert.That(await Backend.RefreshAsync(Caller, compute, ReadFreshness.Live, None), Is.True);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("suspended"));
    }

    [Test]
    public async Task Stop_then_start_goes_inactive_then_active()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Invoke(compute, Compute.Stop);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("inactive"));
        await Invoke(compute, Compute.Start);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
    }

    [Test]
    public async Task Stop_poweroff_destroys_the_domain_but_keeps_its_definition()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Invoke(compute, Compute.Stop, "poweroff");
        using var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!;
        Assert.That(domain.State.State, Is.EqualTo(Client.DomainState.Shutoff));
    }

    [TestCase("warm")]
    [TestCase("cold")]
    public async Task Restart_leaves_the_compute_active(string method)
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Invoke(compute, Compute.Restart, method);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
    }

    [Test]
    public async Task Suspend_pauses_and_start_resumes()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Invoke(compute, Compute.Suspend, "suspend");
        using (var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!)
            Assert.That(domain.State.State, Is.EqualTo(Client.DomainState.Paused));
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("suspended"));
        await Invoke(compute, Compute.Start);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
    }

    [Test]
    public async Task Suspend_hibernate_saves_the_domain_and_start_restores_it()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Invoke(compute, Compute.Suspend, "hibernate");
        using (var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!)
            Assert.That(domain.HasManagedSaveImage, Is.True);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("suspended"));
        await Invoke(compute, Compute.Start);
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
    }

    [Test]
    public async Task Update_resizes_the_domain_definition()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        compute.Attributes[Compute.Cores] = 2;
        compute.Attributes[Compute.Memory] = 2.0;
        await Backend.UpdateAsync(Caller, compute, None);
        using var domain = Keeper.FindDomain(Guid.Parse(compute.Id))!;
        Assert.That(domain.InactiveXml, Does.Contain("<vcpu placement='static'>2</vcpu>").Or.Contain("<vcpu>2</vcpu>"));
    }

    [Test]
    public async Task Delete_removes_the_domain()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Backend.DeleteAsync(Caller, compute, None);
        Assert.That(Keeper.FindDomain(Guid.Parse(compute.Id)), Is.Null);
    }

    [Test]
    public async Task Deleting_a_compute_already_gone_succeeds()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        await Backend.DeleteAsync(Caller, compute, None);
        Assert.DoesNotThrowAsync(() => Backend.DeleteAsync(Caller, compute, None));
    }

    [Test]
    public async Task Inventory_lists_the_gateways_domains_only()
    {
        var compute = TestDriver.Compute();
        await Backend.CreateAsync(Caller, compute, None);
        var ids = await Inventory(Compute.Kind.Id);
        Assert.That(ids, Does.Contain(compute.BackendId));
        using var foreign = Keeper.FindDomainByName("test")!;
        Assert.That(ids, Does.Not.Contain(foreign.Uuid.ToString("D")));
    }

    [Test]
    public async Task An_os_template_clones_its_image_as_the_boot_disk_and_delete_removes_the_clone()
    {
        var imageName = "tiny-" + Guid.NewGuid().ToString("N")[..8] + ".qcow2";
        using (var pool = Keeper.FindStoragePool(TestDriver.Pool)!)
            pool.CreateVolume(Xml.VolumeXml.Blank(imageName, 1UL << 30, "qcow2")).Dispose();
        var capabilities = await Backend.DescribeAsync(None);
        var template = capabilities.Mixins.Single(m => m.Scheme == Options.OsTemplateScheme && m.Title!.StartsWith(imageName, StringComparison.Ordinal));

        var compute = TestDriver.Compute(template.Id);
        await Backend.CreateAsync(Caller, compute, None);
        using var images = Keeper.FindStoragePool(TestDriver.Pool)!;
        using (var boot = images.FindVolume(EntityNames.BootVolume(compute.Id)))
        {
            Assert.That(boot, Is.Not.Null);
            Assert.That(boot!.Xml, Does.Contain("<backingStore>").And.Contain(imageName));
        }
        await Backend.DeleteAsync(Caller, compute, None);
        Assert.That(images.FindVolume(EntityNames.BootVolume(compute.Id)), Is.Null);
    }

    [TestCase("occi.compute.cores", 9e18)]
    [TestCase("occi.compute.cores", 4097)]
    [TestCase("occi.compute.memory", 1e300)]
    public async Task Cores_or_memory_beyond_any_host_are_a_bad_request_and_define_no_domain(string attribute, double value)
    {
        var compute = TestDriver.Compute();
        compute.Attributes[attribute] = value;
        var e = await Fails(() => Backend.CreateAsync(Caller, compute, None));
        Assert.That(e.Kind, Is.EqualTo(Core.OcciErrorKind.BadRequest));
        Assert.That(e.Message, Does.Contain(attribute));
        Assert.That(Keeper.FindDomain(Guid.Parse(compute.Id)), Is.Null);
    }

    [Test]
    public async Task An_os_template_without_an_image_is_a_bad_request_and_leaves_nothing_behind()
    {
        var compute = TestDriver.Compute(new Core.Model.CategoryId(Options.OsTemplateScheme, "no-such-image"));
        var e = await Fails(() => Backend.CreateAsync(Caller, compute, None));
        Assert.That(e.Kind, Is.EqualTo(Core.OcciErrorKind.BadRequest));
        Assert.That(Keeper.FindDomain(Guid.Parse(compute.Id)), Is.Null);
    }
}
