using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Model;
using Occi.Infrastructure;
using Occi.Infrastructure.Mixins;
using static Occi.Backends.Local.Tests.TestCloud;

namespace Occi.Backends.Local.Tests;

public class TemplateTests : CloudTest
{
    private const string ResourceScheme = "http://occigateway.local/occi/infrastructure/resource_tpl#";
    private const string OsScheme = "http://occigateway.local/occi/infrastructure/os_tpl#";

    [Test]
    public async Task Describe_offers_the_five_infrastructure_kinds()
    {
        var caps = await Cloud.Open().DescribeAsync(None);
        Assert.That(caps.Kinds, Is.EquivalentTo(InfrastructureModel.Kinds));
    }

    [Test]
    public async Task Describe_offers_the_infrastructure_mixins()
    {
        var caps = await Cloud.Open().DescribeAsync(None);
        Assert.That(caps.Mixins, Is.SupersetOf(InfrastructureModel.Mixins));
    }

    [Test]
    public async Task Describe_offers_default_os_templates_that_depend_on_os_tpl()
    {
        var caps = await Cloud.Open().DescribeAsync(None);
        var os = caps.Mixins.Where(m => m.Scheme == OsScheme).ToList();
        Assert.That(os.Select(m => m.Term), Is.EquivalentTo(new[] { "ubuntu-24_04", "debian-12", "centos-stream-9" }));
        Assert.That(os.All(m => m.IsOrDependsOn(Templates.OsTpl.Id) && m.Id != Templates.OsTpl.Id), Is.True);
    }

    [Test]
    public async Task Describe_offers_default_resource_templates_with_their_sizes()
    {
        var caps = await Cloud.Open().DescribeAsync(None);
        var medium = caps.Mixins.Single(m => m.Id == new CategoryId(ResourceScheme, "medium"));
        Assert.That(medium.IsOrDependsOn(Templates.ResourceTpl.Id), Is.True);
        Assert.That(medium.Attributes[Infrastructure.Kinds.Compute.Cores]!.Default, Is.EqualTo((Occi.Core.Attributes.AttributeValue)2));
        Assert.That(medium.Attributes[Infrastructure.Kinds.Compute.Memory]!.Default!.Value.AsNumber, Is.EqualTo(4));
    }

    [Test]
    public async Task Configured_templates_replace_the_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Occi:DataPath"] = Cloud.Folder,
            ["Occi:Local:OsTemplates:0:Term"] = "alpine-3",
            ["Occi:Local:OsTemplates:0:Title"] = "Alpine 3",
            ["Occi:Local:ResourceTemplates:0:Term"] = "huge",
            ["Occi:Local:ResourceTemplates:0:Title"] = "Huge",
            ["Occi:Local:ResourceTemplates:0:Cores"] = "32",
            ["Occi:Local:ResourceTemplates:0:MemoryGiB"] = "128",
        }).Build();
        using var services = new ServiceCollection().AddLocalBackend(config).BuildServiceProvider();
        var backend = services.GetRequiredService<LocalBackend>();
        var caps = await backend.DescribeAsync(None);
        var terms = caps.Mixins.Where(m => m.Scheme is OsScheme or ResourceScheme).Select(m => m.Term);
        Assert.That(terms, Is.EquivalentTo(new[] { "alpine-3", "huge" }));
    }

    [Test]
    public void A_template_term_that_is_not_an_occi_term_is_refused_at_start()
    {
        var options = new LocalBackendOptions { DataPath = Cloud.Folder, OsTemplates = [new("ubuntu-24.04", "dotted")] };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Test]
    public void Default_template_titles_hold_no_comma() =>
        Assert.That(LocalBackendOptions.DefaultOsTemplates.Select(t => t.Title).Concat(LocalBackendOptions.DefaultResourceTemplates.Select(t => t.Title)),
            Has.None.Contain(","));

    [Test]
    public void A_template_title_with_a_comma_is_refused_at_start_naming_it()
    {
        // rOCCI-cli splits text/occi header values on every comma: the query interface would be unreadable to it.
        var options = new LocalBackendOptions { DataPath = Cloud.Folder, ResourceTemplates = [new("tiny", "Tiny: 1 core, 1 GiB", 1, 1)] };
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contain("Tiny: 1 core, 1 GiB").And.Message.Contain("comma"));
    }

    [Test]
    public async Task A_resource_template_sets_cores_and_memory_the_client_left_out()
    {
        var created = await Cloud.Open().CreateAsync(Caller, Compute(new CategoryId(ResourceScheme, "large")), None);
        Assert.That(created.Attributes[Infrastructure.Kinds.Compute.Cores].AsInteger, Is.EqualTo(4));
        Assert.That(created.Attributes[Infrastructure.Kinds.Compute.Memory].AsNumber, Is.EqualTo(8));
    }

    [Test]
    public async Task Cores_the_client_gave_win_over_the_template()
    {
        var r = Compute(new CategoryId(ResourceScheme, "large"));
        r.Attributes[Infrastructure.Kinds.Compute.Cores] = 3;
        var created = await Cloud.Open().CreateAsync(Caller, r, None);
        Assert.That(created.Attributes[Infrastructure.Kinds.Compute.Cores].AsInteger, Is.EqualTo(3));
        Assert.That(created.Attributes[Infrastructure.Kinds.Compute.Memory].AsNumber, Is.EqualTo(8));
    }

    [Test]
    public async Task Adding_a_resource_template_on_update_resizes_the_compute()
    {
        var backend = Cloud.Open();
        var created = await backend.CreateAsync(Caller, Compute(new CategoryId(ResourceScheme, "small")), None);
        var update = await Read(backend, created);
        update.Mixins.Add(new CategoryId(ResourceScheme, "medium"));
        update.Mixins.Remove(new CategoryId(ResourceScheme, "small"));
        await backend.UpdateAsync(Caller, update, None);
        Assert.That((await Read(backend, created)).Attributes[Infrastructure.Kinds.Compute.Cores].AsInteger, Is.EqualTo(2));
    }
}
