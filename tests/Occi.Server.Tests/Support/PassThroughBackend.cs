using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Server.Tests.Support;

/// <summary>The configured backend with some of its calls played differently by a test double: the others reach it unchanged.</summary>
public abstract class PassThroughBackend(ICloudBackend inner) : ICloudBackend
{
    /// <summary>Puts the configured backend behind <paramref name="wrap"/> (for <see cref="RunningServer.StartAsync(string?, System.Action{IServiceCollection}?, (string, string)[])"/>).</summary>
    public static void Install(IServiceCollection services, Func<ICloudBackend, ICloudBackend> wrap)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ICloudBackend));
        services.Remove(registered);
        services.AddSingleton(sp => wrap((ICloudBackend)registered.ImplementationFactory!(sp)));
    }

    public string Name => inner.Name;
    public bool RetriesTransientFailures => inner.RetriesTransientFailures;
    public virtual Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => inner.DescribeAsync(ct);
    public virtual Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.CreateAsync(caller, entity, ct);
    public virtual Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) => inner.RefreshAsync(caller, entity, freshness, ct);
    public virtual Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => inner.UpdateAsync(caller, entity, ct);
    public virtual Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) => inner.DeleteAsync(caller, entity, ct);
    public virtual Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) => inner.InvokeAsync(caller, entity, action, ct);
    public virtual IAsyncEnumerable<string> InventoryAsync(CategoryId kind, CancellationToken ct) => inner.InventoryAsync(kind, ct);
}
