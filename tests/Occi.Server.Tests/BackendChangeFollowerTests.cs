using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Server.Tests.Support;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Server.Tests;

/// <summary>
/// What a backend announces changed (<see cref="IBackendChanges"/>) reaches the store, so a listing shows it without a
/// GET of the entity; and the follower writes over the version it read only, so a client's write that came first stays.
/// The Local backend, behind a decorator that plays a cloud changing a compute's state, and announcements made by hand.
/// </summary>
public sealed class BackendChangeFollowerTests
{
    [Test]
    public async Task An_announced_change_shows_in_the_collection_listing_without_a_get_of_the_entity()
    {
        var cloud = new ChangingCloud();
        await using var server = await cloud.StartAsync();
        var compute = await CreateAsync(server);

        cloud.State = "suspended";
        cloud.Announce(cloud.BackendIdOf(compute));

        Assert.That(await OpenStackDirect.EventuallyAsync(async () => (await ListedAsync(server, compute))?["state"] == "suspended", TimeSpan.FromSeconds(30)), Is.True);
    }

    [Test]
    public async Task A_client_write_made_while_the_follower_refreshes_is_kept()
    {
        var cloud = new ChangingCloud();
        await using var server = await cloud.StartAsync();
        var first = await CreateAsync(server);
        var second = await CreateAsync(server);

        cloud.State = "suspended";
        cloud.HoldNextRefresh();
        cloud.Announce(cloud.BackendIdOf(first));
        await cloud.Held.Entered.Task; // the follower has read the entity and its version
        using (var update = server.Request(HttpMethod.Post, first))
        {
            update.Content = RunningServer.TextPlain(OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"mine\"");
            using var response = await server.Client.SendAsync(update);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }
        cloud.Held.Open();
        // Changes are written one after another: once the second shows, the first was written or given up.
        cloud.Announce(cloud.BackendIdOf(second));
        Assert.That(await OpenStackDirect.EventuallyAsync(async () => (await ListedAsync(server, second))?["state"] == "suspended", TimeSpan.FromSeconds(30)), Is.True);

        Assert.That((await ListedAsync(server, first))?["title"], Is.EqualTo("mine"), "the client's acknowledged write is not overwritten");
    }

    private static async Task<string> CreateAsync(RunningServer server)
    {
        using var create = server.Request(HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var response = await server.Client.SendAsync(create);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.AbsolutePath;
    }

    /// <summary>The compute's state and title as GET /compute/ renders them in application/occi+json, or null when it is not listed.</summary>
    private static async Task<Dictionary<string, string?>?> ListedAsync(RunningServer server, string location)
    {
        using var request = server.Request(HttpMethod.Get, "/compute/", "application/occi+json");
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var id = location[(location.LastIndexOf('/') + 1)..];
        var attributes = JsonNode.Parse(text)!["resources"]?.AsArray().FirstOrDefault(r => r!["id"]?.GetValue<string>() == id)?["attributes"];
        if (attributes is null) return null;
        string? Read(string name, params string[] path)
        {
            var node = attributes[name];
            if (node is null)
            {
                node = attributes;
                foreach (var part in path) node = node?[part];
            }
            return node?.GetValue<string>();
        }
        return new() { ["state"] = Read("occi.compute.state", "occi", "compute", "state"), ["title"] = Read("occi.core.title", "occi", "core", "title") };
    }

    /// <summary>The configured backend with a compute state the test sets (the cloud changed it), and the announcements of a cloud follower.</summary>
    private sealed class ChangingCloud : IBackendChanges
    {
        private readonly Channel<BackendChange> _changes = Channel.CreateUnbounded<BackendChange>();
        private readonly Dictionary<string, string> _backendIds = [];
        private int _hold;

        public volatile string? State;
        public CallGate Held { get; } = new();

        public string BackendIdOf(string location)
        {
            lock (_backendIds) return _backendIds[location[(location.LastIndexOf('/') + 1)..]];
        }

        public void Announce(string backendId) => _changes.Writer.TryWrite(new BackendChange(ComputeKind.Kind.Id, backendId));

        /// <summary>The next refresh waits at <see cref="Held"/> (after the follower read the entity) until it opens.</summary>
        public void HoldNextRefresh()
        {
            Held.Close();
            Volatile.Write(ref _hold, 1);
        }

        public async ValueTask<IReadOnlyList<BackendChange>> NextAsync(CancellationToken cancellationToken) =>
            [await _changes.Reader.ReadAsync(cancellationToken)];

        public Task<RunningServer> StartAsync() => RunningServer.StartAsync(null, services =>
        {
            var registered = services.Last(d => d.ServiceType == typeof(ICloudBackend));
            services.Remove(registered);
            services.AddSingleton<ICloudBackend>(sp => new Backend((ICloudBackend)registered.ImplementationFactory!(sp), this));
            services.AddSingleton<IBackendChanges>(this);
        });

        private sealed class Backend(ICloudBackend inner, ChangingCloud cloud) : ICloudBackend
        {
            public string Name => inner.Name;
            public bool RetriesTransientFailures => inner.RetriesTransientFailures;
            public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => inner.DescribeAsync(ct);
            public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.UpdateAsync(caller, entity, ct);
            public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => inner.InvokeAsync(caller, entity, action, ct);
            public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => inner.DeleteAsync(caller, entity, ct);
            public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => inner.InventoryAsync(kind, ct);

            public async Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct)
            {
                var created = await inner.CreateAsync(caller, entity, ct);
                lock (cloud._backendIds) cloud._backendIds[created.Id] = created.BackendId ?? created.Id;
                return created;
            }


            public async Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct)
            {
                var found = await inner.RefreshAsync(caller, entity, freshness, ct);
                if (cloud.State is { } state) entity.Attributes[ComputeKind.State] = state;
                if (Interlocked.Exchange(ref cloud._hold, 0) == 1) await cloud.Held.WaitAsync();
                return found;
            }
        }
    }
}
