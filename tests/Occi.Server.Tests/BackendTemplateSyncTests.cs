using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Server.Background;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// The model follows what the backend offers while the server runs: an image saved from a compute (or
/// synced into the cloud by the site) appears as an os_tpl at the next model refresh, and a template the
/// backend withdraws disappears. Each test runs the refresh by hand instead of waiting for its timer.
/// </summary>
public sealed class BackendTemplateSyncTests : ServerTest
{
    private const string OsScheme = "http://occigateway.local/occi/infrastructure/os_tpl#";

    private ModelLoader HostedLoader => (ModelLoader)Server.Services.GetServices<IHostedService>().Single(s => s is ModelLoader);

    [Test]
    public async Task An_image_saved_from_a_compute_becomes_an_os_tpl_that_new_computes_can_use()
    {
        var compute = await CreateComputeAsync();
        var save = await SendAsync(HttpMethod.Post, compute + "?action=save", OcciText.Action("compute", "save") + "\nX-OCCI-Attribute: name=\"golden image\"");
        Assert.That(save.StatusCode, Is.EqualTo(HttpStatusCode.OK), await save.Content.ReadAsStringAsync());
        Assert.That(await Http.GetStringAsync("/-/"), Does.Not.Contain("Category: golden-image;"), "not before the refresh");

        Assert.That(await HostedLoader.SyncBackendMixinsAsync(CancellationToken.None), Is.EqualTo(1));

        var model = await Http.GetStringAsync("/-/");
        Assert.That(model, Does.Contain($"Category: golden-image; scheme=\"{OsScheme}\"; class=\"mixin\"; title=\"golden image\""));
        Assert.That(model, Does.Contain($"location=\"{Server.Root}/mixin/os_tpl/golden-image/\""));
        var created = await SendAsync(HttpMethod.Post, "/compute/",
            OcciText.ComputeCategory + $"\nCategory: golden-image; scheme=\"{OsScheme}\"; class=\"mixin\"");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var listed = await SendAsync(HttpMethod.Get, "/mixin/os_tpl/golden-image/", accept: "text/uri-list");
        Assert.That(await listed.Content.ReadAsStringAsync(), Does.Contain(created.Headers.Location!.AbsolutePath));
        Assert.That(await HostedLoader.SyncBackendMixinsAsync(CancellationToken.None), Is.Zero, "nothing new the second time");
    }

    [Test]
    public async Task A_template_the_backend_withdraws_leaves_the_model_but_computes_created_from_it_stay()
    {
        var debian = new CategoryId(OsScheme, "debian-12");
        var created = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + $"\nCategory: debian-12; scheme=\"{OsScheme}\"; class=\"mixin\"");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var compute = created.Headers.Location!.AbsolutePath;
        var hiding = new HidingBackend(Server.Services.GetRequiredService<ICloudBackend>());
        var loader = ModelLoaders.For(Server, backend: hiding);
        await loader.StartAsync(CancellationToken.None); // learns what the backend offers
        await loader.StopAsync(CancellationToken.None);

        hiding.Hidden.Add(debian);
        Assert.That(await loader.SyncBackendMixinsAsync(CancellationToken.None), Is.EqualTo(1));

        Assert.That(await Http.GetStringAsync("/-/"), Does.Not.Contain("Category: debian-12;"));
        var get = await SendAsync(HttpMethod.Get, compute);
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await get.Content.ReadAsStringAsync(), Does.Contain("Category: debian-12;"), "the compute still carries its image's mixin");

        hiding.Hidden.Clear();
        Assert.That(await loader.SyncBackendMixinsAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await Http.GetStringAsync("/-/"), Does.Contain("Category: debian-12;"));
    }

    /// <summary>The server's own backend, minus the mixins in <see cref="Hidden"/>: a site retiring an image.</summary>
    private sealed class HidingBackend(ICloudBackend inner) : ICloudBackend
    {
        public HashSet<CategoryId> Hidden { get; } = [];
        public string Name => inner.Name;
        public bool RetriesTransientFailures => inner.RetriesTransientFailures;

        public async Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken)
        {
            var all = await inner.DescribeAsync(cancellationToken);
            return new BackendCapabilities(all.Kinds, all.Mixins.Where(m => !Hidden.Contains(m.Id)));
        }

        public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.CreateAsync(caller, entity, ct);
        public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => inner.RefreshAsync(caller, entity, freshness, ct);
        public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.UpdateAsync(caller, entity, ct);
        public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => inner.DeleteAsync(caller, entity, ct);
        public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => inner.InvokeAsync(caller, entity, action, ct);
        public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => inner.InventoryAsync(kind, ct);
    }
}
