using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Server.Backends;

namespace Occi.Server.Tests.Providers;

/// <summary>
/// Issue 19: what each provider's backend announces changed reaches the server's change follower as one stream, each
/// backend id qualified with its provider, so the follower finds the entity by the id the store holds.
/// </summary>
public class ProviderChangesTests
{
    private static readonly CategoryId Compute = Occi.Infrastructure.Kinds.Compute.Kind.Id;

    private sealed class Announcements : IBackendChanges
    {
        public Channel<BackendChange> Changes { get; } = Channel.CreateUnbounded<BackendChange>();

        public async ValueTask<IReadOnlyList<BackendChange>> NextAsync(CancellationToken cancellationToken) =>
            [await Changes.Reader.ReadAsync(cancellationToken)];
    }

    /// <summary>A provider's backend that is never called here: only its announcements are.</summary>
    private sealed class NoCloud : ICloudBackend
    {
        public string Name => "none";
        public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => throw new NotSupportedException();
        public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => throw new NotSupportedException();
        public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => throw new NotSupportedException();
        public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => throw new NotSupportedException();
        public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => throw new NotSupportedException();
        public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => throw new NotSupportedException();
        public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => throw new NotSupportedException();
    }

    private static Provider ProviderWith(string name, IBackendChanges? changes)
    {
        var services = new ServiceCollection();
        if (changes is not null) services.AddSingleton(changes);
        var backend = new ResilientBackend(new NoCloud(), new BackendResilienceOptions(), TimeProvider.System, name);
        return new Provider(name, backend, bridgesProviders: false, services.BuildServiceProvider());
    }

    [Test]
    public async Task A_change_one_provider_announces_comes_with_that_providers_prefix()
    {
        var east = new Announcements();
        var west = new Announcements();
        var changes = new ProviderChanges(new ProviderSet([ProviderWith("east", east), ProviderWith("west", west), ProviderWith("lab", null)], "east"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = changes.NextAsync(timeout.Token).AsTask();
        await west.Changes.Writer.WriteAsync(new BackendChange(Compute, "vm-1"));
        Assert.That(await first, Is.EqualTo(new[] { new BackendChange(Compute, "west:vm-1") }));

        await east.Changes.Writer.WriteAsync(new BackendChange(Compute, "vm-2"));
        Assert.That(await changes.NextAsync(timeout.Token), Is.EqualTo(new[] { new BackendChange(Compute, "east:vm-2") }));
    }
}
