using System.Xml.Linq;
using Occi.Backends.Libvirt.Client;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Occi.Backends.Libvirt;

/// <summary>
/// The one libvirt host a backend drives: its connection, reopened when it drops, and the resilience
/// pipeline (retry → circuit breaker → timeout) every operation runs through. One instance per URI,
/// so the breaker is per host. libvirt calls block in C, so each operation runs on the thread pool;
/// a timed-out call is abandoned, never interrupted (libvirt offers no cancellation).
/// </summary>
internal sealed class LibvirtHost : IDisposable
{
    private readonly LibvirtOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly Lock _lock = new();
    private LibvirtConnection? _connection;
    private string? _domainType;

    /// <param name="clock">The clock of the timeout, the retries' back-off and the breaker; the system clock when null.</param>
    public LibvirtHost(LibvirtOptions options, TimeProvider? clock = null)
    {
        _options = options;
        _pipeline = BuildPipeline(options, clock ?? TimeProvider.System);
    }

    public string Uri => _options.Uri;

    /// <summary>Runs <paramref name="work"/> on a live connection, bounded by the pipeline.</summary>
    public async Task<T> CallAsync<T>(Func<LibvirtConnection, T> work, CancellationToken cancellationToken)
    {
        return await _pipeline.ExecuteAsync(async token =>
        {
            token.ThrowIfCancellationRequested();
            var connection = Connection();
            try
            {
                return await Task.Run(() => work(connection), token).WaitAsync(token).ConfigureAwait(false);
            }
            catch (LibvirtException e) when (e.IsConnectionLost)
            {
                Drop(connection);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task CallAsync(Action<LibvirtConnection> work, CancellationToken cancellationToken) =>
        CallAsync(c => { work(c); return true; }, cancellationToken);

    /// <summary>The domain type new domains get: configured, or the best the host offers (kvm, then qemu/TCG).</summary>
    public string DomainType(LibvirtConnection connection)
    {
        if (_options.DomainType is { } configured && configured != "auto") return configured;
        lock (_lock)
        {
            if (_domainType is not null && ReferenceEquals(connection, _connection)) return _domainType;
        }
        var type = BestDomainType(connection.Capabilities);
        lock (_lock) _domainType = type;
        return type;
    }

    /// <summary>
    /// libvirt lists, per guest architecture, the domain types the host can run; it offers kvm only when
    /// /dev/kvm is usable there, which is what we want to know (the host may be remote).
    /// </summary>
    internal static string BestDomainType(string capabilities)
    {
        var types = XElement.Parse(capabilities).Elements("guest")
            .Where(g => (string?)g.Element("os_type") == "hvm")
            .Select(g => g.Element("arch"))
            .Where(a => a is not null && (string?)a.Attribute("name") == "x86_64")
            .SelectMany(a => a!.Elements("domain").Select(d => (string?)d.Attribute("type") ?? ""))
            .ToHashSet();
        return types.Contains("kvm") ? "kvm" : types.Contains("qemu") ? "qemu" : types.FirstOrDefault() ?? "qemu";
    }

    /// <summary>Closes the current connection (the next call reopens it); what a dropped link looks like.</summary>
    internal void Disconnect()
    {
        lock (_lock)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private LibvirtConnection Connection()
    {
        lock (_lock)
        {
            if (_connection is { IsAlive: true } live) return live;
            _connection?.Dispose();
            _connection = null;
            _domainType = null;
            _connection = LibvirtConnection.Open(_options.Uri);
            return _connection;
        }
    }

    private void Drop(LibvirtConnection connection)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(connection, _connection)) return;
            _connection.Dispose();
            _connection = null;
        }
    }

    private static ResiliencePipeline BuildPipeline(LibvirtOptions o, TimeProvider clock)
    {
        var transient = new PredicateBuilder().Handle<LibvirtException>(e => e.IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (o.RetryCount > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = o.RetryCount,
                Delay = TimeSpan.FromSeconds(o.RetryDelaySeconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<LibvirtException>(e => e.IsTransient).Handle<TimeoutRejectedException>(),
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = Math.Max(2, o.BreakerMinimumThroughput),
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(0.5, o.BreakerSamplingSeconds)),
                BreakDuration = TimeSpan.FromSeconds(Math.Max(0.5, o.BreakerBreakSeconds)),
            })
            .AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds))
            .Build();
    }

    public void Dispose() => Disconnect();
}
