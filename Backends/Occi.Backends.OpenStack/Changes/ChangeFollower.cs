using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.OpenStack.Changes;

/// <summary>
/// Keeps the read caches fresh: every half Occi:OpenStack:StalenessSeconds (at least every 0.5 s), each
/// <see cref="IChangeSource"/> lists what changed in its service as the configured account. A failing service is
/// logged once when it starts failing and once when it recovers; its cache entries then age past the staleness
/// bound and reads ask the cloud (where they meet the same failure, as a client should). Without a configured
/// account there is no one to follow as: reads always ask the cloud.
/// </summary>
internal sealed class ChangeFollower(OpenStackIdentity identity, IEnumerable<IChangeSource> sources, OpenStackOptions options, TimeProvider time,
    ILogger<ChangeFollower> logger) : BackgroundService
{
    private readonly IChangeSource[] _sources = sources.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (identity.Service is not { } service || _sources.Length == 0)
        {
            logger.LogInformation("No OpenStack account is configured ({Section}:Username or ApplicationCredentialId): GETs ask the cloud every time", OpenStackOptions.Section);
            return;
        }
        var interval = TimeSpan.FromSeconds(Math.Max(0.5, options.StalenessSeconds / 2));
        var failing = new bool[_sources.Length];
        while (!stoppingToken.IsCancellationRequested)
        {
            for (var i = 0; i < _sources.Length; i++)
            {
                try
                {
                    await _sources[i].SweepAsync(service, stoppingToken);
                    if (failing[i]) logger.LogInformation("Following {Service}'s changes again", _sources[i].Name);
                    failing[i] = false;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    if (!failing[i]) logger.LogWarning("Cannot follow {Service}'s changes ({Message}); reads ask it directly until it answers", _sources[i].Name, e.Message);
                    failing[i] = true;
                }
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
