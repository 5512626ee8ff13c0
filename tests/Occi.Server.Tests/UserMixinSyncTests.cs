using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Server.Background;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// The periodic re-read of the stored user mixins (for gateways sharing a store) must not undo a user mixin
/// this gateway added or removed while the store was being read. Each test holds a sync just after it read
/// the store, changes the mixins over HTTP, then lets the sync finish.
/// </summary>
public sealed class UserMixinSyncTests : ServerTest
{
    private const string Blue = "Category: blue; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/blue/\"";

    /// <summary>A sync on the server's own registry and store whose store read waits at <paramref name="hold"/>.</summary>
    private ModelLoader Loader(Task hold) =>
        ModelLoaders.For(Server, categories: new HeldCategoryStore(Server.Services.GetRequiredService<ICategoryStore>(), hold));

    private async Task<string> QueryInterfaceAsync() => await Http.GetStringAsync("/-/");

    [Test]
    public async Task A_mixin_added_during_a_sync_stays()
    {
        var release = new TaskCompletionSource();
        var sync = Loader(release.Task).SyncUserMixinsAsync(CancellationToken.None); // has read the store: no user mixins

        Assert.That((await SendAsync(HttpMethod.Post, "/-/", Blue)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        release.SetResult();
        await sync;

        Assert.That(await QueryInterfaceAsync(), Does.Contain("Category: blue;"));
    }

    [Test]
    public async Task A_mixin_removed_during_a_sync_stays_removed()
    {
        Assert.That((await SendAsync(HttpMethod.Post, "/-/", Blue)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var release = new TaskCompletionSource();
        var sync = Loader(release.Task).SyncUserMixinsAsync(CancellationToken.None); // has read the store: blue

        Assert.That((await SendAsync(HttpMethod.Delete, "/-/", Blue)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        release.SetResult();
        await sync;

        Assert.That(await QueryInterfaceAsync(), Does.Not.Contain("Category: blue;"));
    }

    [Test]
    public async Task An_undisturbed_sync_still_takes_what_another_gateway_changed()
    {
        var red = new Mixin("http://example.org/tags#", "red", "Red", "/tags/red/", isUserDefined: true);
        await Server.Services.GetRequiredService<ICategoryStore>().PutUserMixinAsync(red, CancellationToken.None);

        Assert.That(await Loader(Task.CompletedTask).SyncUserMixinsAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await QueryInterfaceAsync(), Does.Contain("Category: red;"));
    }

    /// <summary>Reads the real store, then waits before answering: the sync's slow I/O, made slow on purpose.</summary>
    private sealed class HeldCategoryStore(ICategoryStore inner, Task hold) : ICategoryStore
    {
        public async Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken)
        {
            var mixins = await inner.ListUserMixinsAsync(cancellationToken);
            await hold;
            return mixins;
        }

        public Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken) => inner.PutUserMixinAsync(mixin, cancellationToken);
        public Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken) => inner.DeleteUserMixinAsync(id, cancellationToken);
        public Task<IReadOnlyList<RuntimeCategory>> ListRuntimeCategoriesAsync(CancellationToken cancellationToken) => inner.ListRuntimeCategoriesAsync(cancellationToken);
        public Task PutRuntimeCategoryAsync(RuntimeCategory category, CancellationToken cancellationToken) => inner.PutRuntimeCategoryAsync(category, cancellationToken);
        public Task<bool> DeleteRuntimeCategoryAsync(CategoryId id, CancellationToken cancellationToken) => inner.DeleteRuntimeCategoryAsync(id, cancellationToken);
    }
}
