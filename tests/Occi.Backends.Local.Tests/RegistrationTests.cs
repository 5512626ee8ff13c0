using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using static Occi.Backends.Local.Tests.TestCloud;

namespace Occi.Backends.Local.Tests;

public class RegistrationTests : CloudTest
{

    private IConfiguration Config(params (string Key, string Value)[] more) => new ConfigurationBuilder()
        .AddInMemoryCollection(more.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))
            .Append(new("Occi:DataPath", Cloud.Folder)))
        .Build();

    /// <summary>The options as the registration binds and checks them (a bad value throws here, as at start).</summary>
    private LocalBackendOptions Bound(params (string Key, string Value)[] more)
    {
        using var services = new ServiceCollection().AddLocalBackend(Config(more)).BuildServiceProvider();
        return services.GetRequiredService<LocalBackendOptions>();
    }

    [Test]
    public void AddLocalBackend_registers_one_singletonCloud_backend()
    {
        using var services = new ServiceCollection().AddLocalBackend(Config()).BuildServiceProvider();
        var backend = services.GetRequiredService<ICloudBackend>();
        Assert.That(backend, Is.InstanceOf<LocalBackend>());
        Assert.That(services.GetRequiredService<ICloudBackend>(), Is.SameAs(backend));
        Assert.That(services.GetRequiredService<LocalBackend>(), Is.SameAs(backend), "reachable as LocalBackend for failure injection");
    }

    [Test]
    public async Task AddLocalBackend_keeps_state_under_Occi_DataPath()
    {
        using (var services = new ServiceCollection().AddLocalBackend(Config()).BuildServiceProvider())
            await services.GetRequiredService<ICloudBackend>().CreateAsync(TestCloud.Caller, Compute(), None);
        Assert.That(File.Exists(Path.Combine(Cloud.Folder, "local-backend.json")), Is.True, "disposing the container shut the backend down cleanly");
        using var restarted = new LocalBackend(new LocalBackendOptions { DataPath = Cloud.Folder });
        Assert.That(restarted.Count, Is.EqualTo(1));
    }

    [Test]
    public void AddLocalBackend_binds_the_Occi_Local_section()
    {
        using var services = new ServiceCollection()
            .AddLocalBackend(Config(("Occi:Local:ActionDelayMs", "250"), ("Occi:Local:FailureRate", "0.25"), ("Occi:Local:FailureSeed", "7")))
            .BuildServiceProvider();
        var options = services.GetRequiredService<LocalBackend>().Options;
        Assert.That((options.ActionDelayMs, options.FailureRate, options.FailureSeed), Is.EqualTo((250, 0.25, (int?)7)));
    }

    [Test]
    public void Computes_boot_on_create_unless_BootOnCreate_is_false()
    {
        Assert.That(Bound().BootOnCreate, Is.True);
        Assert.That(Bound(("Occi:Local:BootOnCreate", "false")).BootOnCreate, Is.False);
    }

    [Test]
    public void A_BootOnCreate_that_is_not_a_boolean_is_refused_naming_the_key()
    {
        Assert.That(() => Bound(("Occi:Local:BootOnCreate", "ture")),
            Throws.InvalidOperationException.With.Message.Contain("Occi:Local:BootOnCreate").And.Message.Contain("ture"));
    }

    [Test]
    public void A_failure_rate_above_one_is_refused()
    {
        Assert.That(() => Bound(("Occi:Local:FailureRate", "1.5")),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contain("Occi:Local:FailureRate"));
    }

    [Test]
    public void A_configured_template_without_a_term_is_refused_naming_its_key()
    {
        Assert.That(() => Bound(("Occi:Local:OsTemplates:0:Title", "Nameless")),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contain("Occi:Local:OsTemplates:0:Term"));
    }

    [Test]
    public void A_configured_template_without_a_title_is_titled_by_its_term()
    {
        var options = Bound(("Occi:Local:OsTemplates:0:Term", "alpine-3"));
        Assert.That(options.EffectiveOsTemplates, Is.EqualTo(new[] { new OsTemplateOption("alpine-3", "alpine-3") }));
    }

    [Test]
    public void An_empty_failure_seed_means_no_seed()
    {
        Assert.That(Bound(("Occi:Local:FailureSeed", "")).FailureSeed, Is.Null);
    }

    [Test]
    public void An_empty_data_path_means_the_default_folder()
    {
        using var services = new ServiceCollection()
            .AddLocalBackend(new ConfigurationBuilder().AddInMemoryCollection([new("Occi:DataPath", "")]).Build())
            .BuildServiceProvider();
        Assert.That(services.GetRequiredService<LocalBackendOptions>().DataPath, Is.EqualTo("./data"));
    }

    [Test]
    public void The_convention_entry_point_registers_the_same_backend()
    {
        var services = new ServiceCollection();
        LocalBackendRegistration.Register(services, Config());
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<ICloudBackend>().Name, Is.EqualTo("local"));
    }
}
