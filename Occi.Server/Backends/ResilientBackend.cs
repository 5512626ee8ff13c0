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
/// (<see cref="ICloudBackend.RetriesTransientFailures"/>), and a circuit breaker shared by all calls (one pipeline, so one breaker). Errors the backend
/// reports about the request itself (not found, conflict, bad request) are not failures of the cloud
/// and neither retry nor trip the breaker.
/// </summary>
internal sealed class ResilientBackend : ICloudBackend
{
    /// <summary>Set on the context of a call that must not run twice (create, action): the retry lets its failure through.</summary>
    private static readonly ResiliencePropertyKey<bool> RunsOnce = new("occi.runs-once");

    private readonly ICloudBackend _inner;

    /// <summary>
    /// One flat pipeline for every call: breaker, then retry, then the timeout of each attempt. One pipeline is
    /// what makes the breaker one instance that opens for everything, without nesting a pipeline for it (issue 13:
    /// the nested breaker cost a quarter of the pipeline's time); whether a call is retried is the call's own
    /// property (<see cref="RunsOnce"/>).
    /// </summary>
    private readonly ResiliencePipeline _pipeline;

    /// <param name="time">The clock of the timeout, the retries' back-off and the breaker (how long it stays open, and the Retry-After of its 503).</param>
    /// <param name="name">The name its errors and the health check say: a provider's (issue 19); the backend's own when null.</param>
    public ResilientBackend(ICloudBackend inner, BackendResilienceOptions options, TimeProvider time, string? name = null)
    {
        _inner = inner;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } e && IsCloudFailure(e)),
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(Math.Max(1, options.BreakerBreakSeconds)),
            StateProvider = BreakerState,
        });
        // Retries only where they are asked for (Retries > 0) and the backend does not retry by itself.
        if (options.Retries > 0 && !inner.RetriesTransientFailures)
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => new ValueTask<bool>(
                    args.Outcome.Exception is { } e && IsCloudFailure(e) && !args.Context.Properties.GetValue(RunsOnce, false)),
                MaxRetryAttempts = options.Retries,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBaseDelayMs)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        _pipeline = pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds))).Build();
        RetriesTransientFailures = options.Retries > 0 || inner.RetriesTransientFailures;
        Name = name ?? inner.Name;
    }

    public string Name { get; }

    /// <summary>The shared breaker's state, for the breaker gauge and GET /readyz (issue 17).</summary>
    public CircuitBreakerStateProvider BreakerState { get; } = new();

    public bool RetriesTransientFailures { get; }

    private static bool IsCloudFailure(Exception e) => e switch
    {
        OcciException o => o.Kind is OcciErrorKind.BackendFailure or OcciErrorKind.Unavailable,
        OperationCanceledException => false,
        _ => true,
    };

    private Task<T> Run<T>(bool retried, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        Run(retried, static (c, token) => c(token), call, ct);

    /// <summary>
    /// The call with its arguments as state, so a call on every request (a GET's refresh) allocates no closure. Its
    /// outcome comes back as a value (<see cref="ResiliencePipeline.ExecuteOutcomeAsync{TResult, TState}"/>), so a
    /// failure is thrown once, here, and a call that completes at once runs no async machinery of its own. The
    /// pipeline runs on <c>object</c> results, the type its breaker and retry judge outcomes of: any other type would
    /// be converted to it by each of them on every call (a box per strategy for a <c>bool</c>).
    /// </summary>
    private async Task<T> Run<T, TState>(bool retried, Func<TState, CancellationToken, Task<T>> call, TState state, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        if (!retried) context.Properties.Set(RunsOnce, true);
        Outcome<object?> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(static (c, s) => Attempt(s.call, s.state, c.CancellationToken), context, (call, state))
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        switch (outcome.Exception)
        {
            case BrokenCircuitException e:
                // The breaker knows when it lets a call through again: the client is told so (Retry-After). It is this
                // pipeline's own breaker (backends answer OcciExceptions, never Polly's), so the call was not made.
                throw new OcciException(OcciErrorKind.Unavailable, $"the {Name} backend is failing; requests are held off for a while ({e.Message})", e)
                { RetryAfter = e.RetryAfter, NotAttempted = true };
            case TimeoutRejectedException e:
                throw new OcciException(OcciErrorKind.Unavailable, $"the {Name} backend did not answer in time", e);
        }
        outcome.ThrowIfException();
        return (T)outcome.Result!;
    }

    /// <summary>One attempt, its failure as an outcome: a task that finished already needs no await.</summary>
    private static ValueTask<Outcome<object?>> Attempt<T, TState>(Func<TState, CancellationToken, Task<T>> call, TState state, CancellationToken ct)
    {
        Task<T> task;
        try
        {
            task = call(state, ct);
        }
        catch (Exception e)
        {
            return new(Outcome.FromException<object?>(e));
        }
        return task.IsCompletedSuccessfully ? new(Outcome.FromResult<object?>(Boxed(task.Result))) : AwaitAttempt(task);
    }

    private static async ValueTask<Outcome<object?>> AwaitAttempt<T>(Task<T> task)
    {
        try
        {
            return Outcome.FromResult<object?>(Boxed(await task.ConfigureAwait(false)));
        }
        catch (Exception e)
        {
            return Outcome.FromException<object?>(e);
        }
    }

    private static readonly object True = true, False = false;

    /// <summary>A refresh's answer as one of two boxes made once; other results are references already.</summary>
    private static object? Boxed<T>(T value) => typeof(T) == typeof(bool) ? (Unsafe.As<T, bool>(ref value) ? True : False) : value;

    public Task<BackendCapabilities> DescribeAsync(CancellationToken ct) => Run(true, t => _inner.DescribeAsync(t), ct);
    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct) => Run(false, t => _inner.CreateAsync(caller, entity, t), ct);
    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) =>
        Run(true, static (s, t) => s._inner.RefreshAsync(s.caller, s.entity, s.freshness, t), (_inner, caller, entity, freshness), ct);
    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct) => Run(true, t => _inner.UpdateAsync(caller, entity, t), ct);
    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) =>
        Run(false, t => _inner.InvokeAsync(caller, entity, action, t), ct);

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) =>
        Run(true, async t => { await _inner.DeleteAsync(caller, entity, t); return true; }, ct);

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var all = await Run(true, async t =>
        {
            var list = new List<string>();
            await foreach (var id in _inner.InventoryAsync(kind, t)) list.Add(id);
            return list;
        }, ct);
        foreach (var id in all) yield return id;
    }
}
