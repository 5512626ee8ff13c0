using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Server.Tests.Support;

/// <summary>Holds the calls that reach it while closed, until opened; tells when the first one arrived.</summary>
public sealed class CallGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool Closed { get; private set; }
    public void Close() => Closed = true;
    public void Open() { Closed = false; _open.TrySetResult(); }
    public Task WaitAsync() { Entered.TrySetResult(); return _open.Task; }
}

/// <summary>The real backend, with updates and actions held at their gates while those are closed.</summary>
public sealed class GatedBackend(ICloudBackend inner, CallGate? updates = null, CallGate? actions = null) : ICloudBackend
{
    /// <summary>Puts the configured backend behind the gates (for <see cref="RunningServer.StartAsync(string?, System.Action{IServiceCollection}?, (string, string)[])"/>).</summary>
    public static void Install(IServiceCollection services, CallGate? updates = null, CallGate? actions = null)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ICloudBackend));
        services.Remove(registered);
        services.AddSingleton<ICloudBackend>(sp => new GatedBackend((ICloudBackend)registered.ImplementationFactory!(sp), updates, actions));
    }

    public string Name => inner.Name;
    public bool RetriesTransientFailures => inner.RetriesTransientFailures;
    public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => inner.DescribeAsync(ct);
    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.CreateAsync(caller, entity, ct);
    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => inner.RefreshAsync(caller, entity, freshness, ct);
    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => inner.DeleteAsync(caller, entity, ct);
    public IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => inner.InventoryAsync(kind, ct);

    public async Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        if (updates is { Closed: true }) await updates.WaitAsync();
        return await inner.UpdateAsync(caller, entity, ct);
    }

    public async Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct)
    {
        if (actions is { Closed: true }) await actions.WaitAsync();
        return await inner.InvokeAsync(caller, entity, action, ct);
    }
}
