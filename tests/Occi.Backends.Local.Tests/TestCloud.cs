using Microsoft.Extensions.Time.Testing;
using Occi.Core.Attributes;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Local.Tests;

/// <summary>A data folder of its own per test, backends opened on it, and entities to create.</summary>
internal sealed class TestCloud : IDisposable
{
    private readonly List<LocalBackend> _opened = [];

    public TestCloud() => Folder = Path.Combine(Path.GetTempPath(), "occi-local-" + Guid.NewGuid().ToString("N"));

    public string Folder { get; }
    /// <summary>The backends' clock, moved by the test.</summary>
    public FakeTimeProvider Time { get; } = new();
    public static Caller Caller => Caller.Anonymous;
    public static CancellationToken None => CancellationToken.None;

    public LocalBackend Open(Action<LocalBackendOptions>? configure = null)
    {
        var options = new LocalBackendOptions { DataPath = Folder };
        configure?.Invoke(options);
        var backend = new LocalBackend(options, Time);
        _opened.Add(backend);
        return backend;
    }

    /// <summary>Disposes <paramref name="backend"/> and opens a new one on the same folder, as a restarted server would.</summary>
    public LocalBackend Reopen(LocalBackend backend, Action<LocalBackendOptions>? configure = null)
    {
        backend.Dispose();
        return Open(configure);
    }

    public string JournalPath => Path.Combine(Folder, "local-backend.journal");
    public string SnapshotPath => Path.Combine(Folder, "local-backend.json");

    public static Resource Compute(params CategoryId[] mixins)
    {
        var r = new Resource { Kind = Infrastructure.Kinds.Compute.Kind.Id };
        r.Mixins.AddRange(mixins);
        return r;
    }

    public static Resource Storage(double sizeGb = 10)
    {
        var r = new Resource { Kind = Infrastructure.Kinds.Storage.Kind.Id };
        r.Attributes[Infrastructure.Kinds.Storage.Size] = sizeGb;
        return r;
    }

    public static Resource Network(string? cidr = null)
    {
        var r = new Resource { Kind = Infrastructure.Kinds.Network.Kind.Id };
        if (cidr is not null)
        {
            r.Mixins.Add(IpNetwork.Mixin.Id);
            r.Attributes[IpNetwork.Address] = cidr;
        }
        return r;
    }

    public static Resource Of(CategoryId kind) =>
        kind == Infrastructure.Kinds.Storage.Kind.Id ? Storage() : new Resource { Kind = kind };

    public static Link Interface(Entity compute, Entity network, bool ip = false)
    {
        var l = new Link { Kind = NetworkInterface.Kind.Id, Source = "/compute/" + compute.BackendId, Target = "/network/" + network.BackendId };
        if (ip) l.Mixins.Add(IpNetworkInterface.Mixin.Id);
        return l;
    }

    public static Link Disk(Entity compute, Entity storage) =>
        new() { Kind = StorageLink.Kind.Id, Source = "/compute/" + compute.BackendId, Target = "/storage/" + storage.BackendId };

    /// <summary>A fresh entity naming only the backend id, as the server would refresh one it has stored.</summary>
    public static Entity Handle(Entity created) => created is Link
        ? new Link { Kind = created.Kind, BackendId = created.BackendId }
        : new Resource { Kind = created.Kind, BackendId = created.BackendId };

    public static async Task<Entity> Read(LocalBackend backend, Entity created)
    {
        var e = Handle(created);
        Assert.That(await backend.RefreshAsync(Caller, e, ReadFreshness.Live, None), Is.True, $"{created.BackendId} should exist");
        return e;
    }

    public static string? State(Entity e) =>
        Infrastructure.States.StateMachines.StateAttributeOf(e.Kind) is { } a ? e.Attributes.GetString(a) : null;

    public static Task<Entity> Invoke(LocalBackend backend, Entity e, OcciAction action, AttributeBag? attributes = null) =>
        backend.InvokeAsync(Caller, e, new ActionInvocation(action.Id, attributes), None);

    public void Dispose()
    {
        foreach (var b in _opened) b.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
