using Occi.Core.Model;
using Occi.Infrastructure.Mixins;

namespace Occi.Server.Backends;

/// <summary>
/// One cloud of <c>Occi:Providers</c>: its backend behind its own <see cref="ResilientBackend"/> (its own breaker,
/// its metrics tagged with its name), the services its backend registered (a container of its own, built from its
/// configuration section), and its model as last read, kept while it is down.
/// </summary>
internal sealed class Provider(string name, ResilientBackend backend, bool bridgesProviders, IServiceProvider services)
{
    public string Name { get; } = name;

    public ResilientBackend Backend { get; } = backend;

    /// <summary>A link whose source is here may have its target at another provider (Occi:Providers:&lt;name&gt;:BridgesProviders).</summary>
    public bool BridgesProviders { get; } = bridgesProviders;

    /// <summary>The container the provider's backend registered itself in; its hosted services run with the server's.</summary>
    public IServiceProvider Services { get; } = services;

    public Mixin Region { get; } = Regions.Of(name);

    /// <summary>The provider's categories in the union's names; empty until it first answers.</summary>
    public ProviderModel Model { get; set; } = ProviderModel.Empty;

    public bool Described { get; set; }
}
