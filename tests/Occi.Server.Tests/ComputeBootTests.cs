using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// A monitoring probe's round, as a client sees it in each rendering: create a compute from an os_tpl and a
/// resource_tpl, GET it while it boots by itself, GET it again once Occi:Local:ActionDelayMs has passed on the
/// server's clock (the test's) and see it active, delete it.
/// </summary>
[TestFixture("text/plain")]
[TestFixture("text/occi")]
[TestFixture("application/occi+json")]
public class ComputeBootTests(string mediaType) : ServerTest
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new();

    protected override (string Key, string Value)[] Settings => [("Occi:Local:ActionDelayMs", ((int)Delay.TotalMilliseconds).ToString())];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Test]
    public async Task A_compute_made_from_templates_boots_by_itself_and_is_deleted()
    {
        var client = new OcciMediaClient(Server, mediaType);
        var create = await client.CreateAsync("/compute/", Boot.ComputeKind, [Boot.OsTpl, Boot.ResourceTpl], ("occi.core.title", "boot-probe"));
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var compute = create.Headers.Location!.AbsolutePath;

        var first = await client.DescribeAsync(compute);
        Assert.That((client.Value(first, Boot.State), client.Value(first, Boot.Message)), Is.EqualTo(("inactive", "booting")),
            "just created, it is still booting");
        Assert.That(first, Does.Contain("ubuntu-24_04").And.Contain("small"), "both templates are the compute's mixins");
        Assert.That(client.Value(first, "occi.compute.cores"), Is.EqualTo("1"), "the resource_tpl sized it");

        _clock.Advance(Delay);
        var seen = await client.DescribeAsync(compute);
        Assert.That(client.Value(seen, Boot.State), Is.EqualTo("active"), $"active once {Delay.TotalSeconds} s have passed");
        Assert.That(client.Value(seen, Boot.Message), Is.Null, "no message once booted");

        Assert.That((await client.DeleteAsync(compute)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync(compute)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

/// <summary>
/// What the state machine allows while a compute boots, in each rendering; the server's clock is the test's,
/// so the compute stays booting until the test moves it on.
/// </summary>
[TestFixture("text/plain")]
[TestFixture("text/occi")]
[TestFixture("application/occi+json")]
public class BootingComputeActionTests(string mediaType) : ServerTest
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new();

    protected override (string Key, string Value)[] Settings => [("Occi:Local:ActionDelayMs", ((int)Delay.TotalMilliseconds).ToString())];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Test]
    public async Task Start_joins_the_boot_stop_is_a_conflict_and_the_boot_ends_on_time()
    {
        var client = new OcciMediaClient(Server, mediaType);
        var create = await client.CreateAsync("/compute/", Boot.ComputeKind, [Boot.OsTpl, Boot.ResourceTpl]);
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var compute = create.Headers.Location!.AbsolutePath;

        var start = await client.ActAsync(compute, Boot.ActionScheme + "start");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), await start.Content.ReadAsStringAsync());
        var stop = await client.ActAsync(compute, Boot.ActionScheme + "stop");
        var refusal = await stop.Content.ReadAsStringAsync();
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), refusal);
        Assert.That(refusal, Does.Contain("stop").And.Contain("inactive"));
        var save = await client.ActAsync(compute, Boot.ActionScheme + "save");
        var busy = await save.Content.ReadAsStringAsync();
        Assert.That(save.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), busy);
        Assert.That(busy, Does.Contain("is booting"));

        var during = await client.DescribeAsync(compute);
        Assert.That((client.Value(during, Boot.State), client.Value(during, Boot.Message)), Is.EqualTo(("inactive", "booting")), "nothing changed");
        _clock.Advance(Delay);
        var after = await client.DescribeAsync(compute);
        Assert.That((client.Value(after, Boot.State), client.Value(after, Boot.Message)), Is.EqualTo(("active", (string?)null)));
    }
}

/// <summary>What the boot tests send: the simulator's default templates (Backends/Occi.Backends.Local/README.md; small is 1 core, 2 GiB).</summary>
internal static class Boot
{
    public const string ComputeKind = "http://schemas.ogf.org/occi/infrastructure#compute";
    public const string OsTpl = "http://occigateway.local/occi/infrastructure/os_tpl#ubuntu-24_04";
    public const string ResourceTpl = "http://occigateway.local/occi/infrastructure/resource_tpl#small";
    public const string ActionScheme = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
    public const string State = "occi.compute.state";
    public const string Message = "occi.compute.state.message";
}
