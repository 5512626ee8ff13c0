using System.Threading.Channels;
using Occi.Core.StoreContracts;
using Occi.Server.Entities;

namespace Occi.Server.Background;

/// <summary>
/// Closes intents off the request path, many per store write. Closing is not urgent: an intent left
/// open by a crash whose outcome the store already shows is simply closed by the reconciler at start.
/// What must happen before the backend call — writing the intent — stays on the request path.
/// The first completion after a drain wakes the closer, which then waits <see cref="Gather"/> before
/// draining: a burst of creates wakes it once, not once per create.
/// </summary>
internal sealed class IntentCompletion(IIntentStore intents, TimeProvider clock, ILogger<IntentCompletion> log) : BackgroundService, IIntentCloser
{
    /// <summary>How long the closer gathers completions after the first one wakes it.</summary>
    internal static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Complete(string intentId)
    {
        if (!_pending.Writer.TryWrite(intentId))
            log.LogWarning("Intent {Intent} could not be queued for completion; the reconciler closes it at the next start", intentId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<string>(256);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, clock, stoppingToken);
                while (_pending.Reader.TryPeek(out _)) await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var batch = new List<string>(256);
        while (_pending.Reader.TryPeek(out _)) await DrainAsync(batch, cancellationToken); // what was queued before the stop still closes
    }

    private async Task DrainAsync(List<string> batch, CancellationToken ct)
    {
        batch.Clear();
        while (batch.Count < 1024 && _pending.Reader.TryRead(out var id)) batch.Add(id);
        if (batch.Count == 0) return;
        try
        {
            await intents.CompleteManyAsync(batch.ToArray(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Closing {Count} intents failed; the reconciler closes them at the next start", batch.Count);
        }
    }
}
