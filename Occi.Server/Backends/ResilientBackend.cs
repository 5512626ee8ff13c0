using System.Runtime.CompilerServices;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Occi.Server.Backends;

/// <summary>
/// Wraps whichever backend is configured so every call goes through Polly: a timeout per attempt,
/// retries with jittered exponential back-off for reads and idempotent calls (never for create or
/// action, which could run twice) unless the backend retries by itself
/// (<see cref="ICloudBackend.RetriesTransientFailures"/>), and a circuit breaker shared by all calls. Errors the backend
/// reports about the request itself (not found, conflict, bad request) are not failures of the cloud
/// and neither retry nor trip the breaker.
/// </summary>
internal sealed class ResilientBackend : ICloudBackend
{
    private readonly ICloudBackend _inner;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _once;

    /// <param name="time">The clock of the timeout, the retries' back-off and the breaker (how long it stays open, and the Retry-After of its 503).</param>
    public ResilientBackend(ICloudBackend inner, BackendResilienceOptions options, TimeProvider time)
    {
        _inner = inner;
        var handled = new PredicateBuilder().Handle<Exception>(IsCloudFailure);
        var breaker = new CircuitBreakerStrategyOptions
        {
            ShouldHandle = handled,
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(Math.Max(1, options.BreakerBreakSeconds)),
        };
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds));
        // One breaker instance shared by both pipelines: a failing cloud opens it for everything.
        var sharedBreaker = new ResiliencePipelineBuilder { TimeProvider = time }.AddCircuitBreaker(breaker).Build();
        // Retries only where they are asked for (Retries > 0) and the backend does not retry by itself.
        var idempotent = new ResiliencePipelineBuilder { TimeProvider = time }.AddPipeline(sharedBreaker);
        if (options.Retries > 0 && !inner.RetriesTransientFailures)
            idempotent.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = options.Retries,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBaseDelayMs)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        _idempotent = idempotent.AddTimeout(timeout).Build();
        RetriesTransientFailures = options.Retries > 0 || inner.RetriesTransientFailures;
        _once = new ResiliencePipelineBuilder { TimeProvider = time }.AddPipeline(sharedBreaker).AddTimeout(timeout).Build();
        Name = inner.Name;
    }

    public string Name { get; }

    public bool RetriesTransientFailures { get; }

    private static bool IsCloudFailure(Exception e) => e switch
    {
        OcciException o => o.Kind is OcciErrorKind.BackendFailure or OcciErrorKind.Unavailable,
        OperationCanceledException => false,
        _ => true,
    };

    private Task<T> Run<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        Run(pipeline, static (c, token) => c(token), call, ct);

    /// <summary>The call with its arguments as state, so a call on every request (a GET's refresh) allocates no closure.</summary>
    private async Task<T> Run<T, TState>(ResiliencePipeline pipeline, Func<TState, CancellationToken, Task<T>> call, TState state, CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(static async (s, token) => await s.call(s.state, token), (call, state), ct);
        }
        catch (BrokenCircuitException e)
        {
            // The breaker knows when it lets a call through again: the client is told so (Retry-After).
            throw new OcciException(OcciErrorKind.Unavailable, $"the {Name} backend is failing; requests are held off for a while ({e.Message})", e)
            { RetryAfter = e.RetryAfter };
        }
        catch (TimeoutRejectedException e)
        {
            throw new OcciException(OcciErrorKind.Unavailable, $"the {Name} backend did not answer in time", e);
        }
    }

    public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => Run(_idempotent, t => _inner.DescribeAsync(t), ct);
    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => Run(_once, t => _inner.CreateAsync(caller, entity, t), ct);
    public Task<bool> RefreshAsync(Caller caller, Entity entity, CancellationToken ct) =>
        Run(_idempotent, static (s, t) => s._inner.RefreshAsync(s.caller, s.entity, t), (_inner, caller, entity), ct);
    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) =>
        Run(_idempotent, static (s, t) => s._inner.RefreshAsync(s.caller, s.entity, s.freshness, t), (_inner, caller, entity, freshness), ct);
    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => Run(_idempotent, t => _inner.UpdateAsync(caller, entity, t), ct);
    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) =>
        Run(_once, t => _inner.InvokeAsync(caller, entity, action, t), ct);

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) =>
        Run(_idempotent, async t => { await _inner.DeleteAsync(caller, entity, t); return true; }, ct);

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var all = await Run(_idempotent, async t =>
        {
            var list = new List<string>();
            await foreach (var id in _inner.InventoryAsync(kind, t)) list.Add(id);
            return list;
        }, ct);
        foreach (var id in all) yield return id;
    }
}
