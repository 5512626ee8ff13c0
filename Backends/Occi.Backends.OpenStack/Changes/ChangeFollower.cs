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
internal sealed class ChangeFollower : BackgroundService
{
    private readonly ICredential? _service;
    private readonly IChangeSource[] _sources;
    private readonly double _stalenessSeconds;
    private readonly TimeProvider _time;
    private readonly ILogger<ChangeFollower> _logger;
    private readonly string _accountSetting;

    public ChangeFollower(OpenStackIdentity identity, IEnumerable<IChangeSource> sources, OpenStackOptions options, TimeProvider time, ILogger<ChangeFollower> logger)
        : this(identity.Service, sources, options.StalenessSeconds, time, logger, $"{OpenStackOptions.Section}:Username or ApplicationCredentialId")
    {
    }

    /// <summary>
    /// For a backend that reuses this request path with an account of its own (Synnefo: its configured Astakos token)
    /// and keeps its sources apart from the container's IChangeSources. Internal, so the container never picks it.
    /// </summary>
    /// <param name="accountSetting">The settings that give <paramref name="service"/>, named in the log line when there is none.</param>
    internal ChangeFollower(ICredential? service, IEnumerable<IChangeSource> sources, double stalenessSeconds, TimeProvider time, ILogger<ChangeFollower> logger,
        string accountSetting)
    {
        _accountSetting = accountSetting;
        _service = service;
        _sources = sources.ToArray();
        _stalenessSeconds = stalenessSeconds;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_service is not { } service || _sources.Length == 0)
        {
            _logger.LogInformation("No account to follow the cloud's changes as is configured ({Settings}): GETs ask the cloud every time", _accountSetting);
            return;
        }
        var interval = TimeSpan.FromSeconds(Math.Max(0.5, _stalenessSeconds / 2));
        var failing = new bool[_sources.Length];
        while (!stoppingToken.IsCancellationRequested)
        {
            for (var i = 0; i < _sources.Length; i++)
            {
                try
                {
                    await _sources[i].SweepAsync(service, stoppingToken);
                    if (failing[i]) _logger.LogInformation("Following {Service}'s changes again", _sources[i].Name);
                    failing[i] = false;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    if (!failing[i]) _logger.LogWarning("Cannot follow {Service}'s changes ({Message}); reads ask it directly until it answers", _sources[i].Name, e.Message);
                    failing[i] = true;
                }
            }
            try
            {
                await Task.Delay(interval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
