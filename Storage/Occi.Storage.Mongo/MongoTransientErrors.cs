using MongoDB.Driver;
using Polly;
using Polly.Retry;

namespace Occi.Storage.Mongo;

/// <summary>
/// The retry pipeline every MongoDB call goes through: failover, a stepped-down primary, a dropped
/// connection or server selection timing out are retried with jittered exponential backoff. The driver's
/// own retryable reads/writes retry once; this covers an election that takes longer. A write retried after
/// it had in fact been applied is recognised by its write token (see <see cref="MongoEntityStore"/>).
/// </summary>
internal static class MongoTransientErrors
{
    public static bool IsTransient(Exception e) => e switch
    {
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException => true,
        MongoException m => m.HasErrorLabel("RetryableWriteError") || m.HasErrorLabel("TransientTransactionError"),
        TimeoutException => true, // server selection: no primary reachable yet
        _ => false,
    };

    public static ResiliencePipeline CreatePipeline(TimeProvider clock, int maxRetryAttempts = 4) => new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = maxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();
}
