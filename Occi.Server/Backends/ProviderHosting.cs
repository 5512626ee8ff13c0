namespace Occi.Server.Backends;

/// <summary>
/// Runs the hosted services each provider's backend registered in its own container (OpenStack's change follower)
/// with the server's: started after the server's model is loaded, stopped in reverse order.
/// </summary>
internal sealed class ProviderHosting(ProviderSet providers) : IHostedService
{
    private readonly List<IHostedService> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in providers.All)
            foreach (var service in (IEnumerable<IHostedService>?)provider.Services.GetService(typeof(IEnumerable<IHostedService>)) ?? [])
            {
                await service.StartAsync(cancellationToken);
                _started.Add(service);
            }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var i = _started.Count - 1; i >= 0; i--) await _started[i].StopAsync(cancellationToken);
        _started.Clear();
    }
}
