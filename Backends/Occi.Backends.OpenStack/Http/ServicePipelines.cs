using System.Collections.Concurrent;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Occi.Backends.OpenStack.Http;

/// <summary>
/// One Polly pipeline pair per OpenStack service, built from Occi:OpenStack on the container's clock: a timeout per
/// attempt, retries with jittered back-off for idempotent requests only (GET, HEAD, DELETE; never a POST that could
/// create twice), and a circuit breaker per service shared by both, so a stopped Nova is held off without
/// holding off Glance or Keystone. Transient: no connection, a timeout, 502/503/504.
/// </summary>
internal sealed class ServicePipelines(OpenStackOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Pair> _byService = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> For(OpenStackService service, bool idempotent)
    {
        var pair = _byService.GetOrAdd(service.Type, static (_, self) => self.Build(), this);
        return idempotent ? pair.Idempotent : pair.Once;
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private Pair Build()
    {
        var handled = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r.StatusCode));
        var breaker = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = handled,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
            })
            .Build();
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var idempotent = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.RetryCount > 0)
            idempotent.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = handled,
                MaxRetryAttempts = options.RetryCount,
                Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A retried answer is thrown away: its connection goes back to the pool.
                OnRetry = static args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        return new Pair(
            idempotent.AddPipeline(breaker).AddTimeout(timeout).Build(),
            new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddPipeline(breaker).AddTimeout(timeout).Build());
    }

    private sealed record Pair(ResiliencePipeline<HttpResponseMessage> Idempotent, ResiliencePipeline<HttpResponseMessage> Once);
}
