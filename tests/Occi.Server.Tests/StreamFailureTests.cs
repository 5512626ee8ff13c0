using System.Collections;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// A listing that fails after its status and first pieces went out (README "Large answers"): the server
/// cannot send an error any more, so it aborts the connection, and the client sees a cut-off body, never a
/// listing that looks complete. The store here fails on reading the last location of a listing.
/// </summary>
public class StreamFailureTests : ServerTest
{
    protected override (string Key, string Value)[] Settings => [("Occi:Limits:ResponseBufferBytes", "4096")];

    protected override void ConfigureServices(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(IEntityStore));
        services.AddSingleton<IEntityStore>(sp => new LastLocationFailsStore((IEntityStore)real.ImplementationFactory!(sp)));
    }

    [Test]
    public async Task A_listing_that_fails_midway_is_cut_off_not_ended()
    {
        for (var i = 0; i < 200; i++) await CreateComputeAsync();

        HttpResponseMessage? response = null;
        try
        {
            response = await Http.SendAsync(Server.Request(HttpMethod.Get, "/compute/", "text/uri-list"), HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException)
        {
            // The reset overtook the headers on their way in: the client saw no listing at all, which is also
            // no listing that looks complete.
        }
        if (response is not null)
        {
            using (response)
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(response.Headers.TransferEncodingChunked, Is.True);
                Assert.That(async () => await response.Content.ReadAsStringAsync(), Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
            }
        }

        // The server goes on answering other requests.
        var small = await SendAsync(HttpMethod.Get, "/-/");
        Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The embedded store, except that a listing's last location cannot be read.</summary>
    private sealed class LastLocationFailsStore(IEntityStore store) : IEntityStore
    {
        public Task<EntityRecord?> GetAsync(string location, CancellationToken ct) => store.GetAsync(location, ct);
        public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken ct) => store.GetByIdAsync(id, ct);
        public Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken ct) => store.PutAsync(entity, owner, expectedVersion, ct);
        public Task<bool> DeleteAsync(string location, CancellationToken ct) => store.DeleteAsync(location, ct);
        public Task<int> DeleteBelowAsync(string prefix, CancellationToken ct) => store.DeleteBelowAsync(prefix, ct);
        public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken ct) => store.QueryAsync(query, ct);
        public Task<int> CountAsync(EntityQuery query, CancellationToken ct) => store.CountAsync(query, ct);
        public Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken ct) => store.AssociateMixinAsync(mixin, locations, ct);
        public Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken ct) => store.DissociateMixinAsync(mixin, locations, ct);

        public async Task<IReadOnlyList<string>> QueryLocationsAsync(EntityQuery query, CancellationToken ct) =>
            new LastFails(await store.QueryLocationsAsync(query, ct));
    }

    private sealed class LastFails(IReadOnlyList<string> items) : IReadOnlyList<string>
    {
        public string this[int index] => index == items.Count - 1 ? throw new InvalidOperationException("the store lost its connection") : items[index];
        public int Count => items.Count;
        public IEnumerator<string> GetEnumerator() { for (var i = 0; i < Count; i++) yield return this[i]; }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
