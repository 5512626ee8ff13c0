using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Occi.Core.StoreContracts;
using Occi.Server.Background;
using Occi.Storage.Embedded;

namespace Occi.Server.Tests;

/// <summary>
/// Intents are closed off the request path: once <see cref="IntentCompletion.Gather"/> has passed on the server's
/// clock (here the test's), in few journal writes, and all of them by the time the server stops.
/// </summary>
public sealed class IntentCompletionTests
{
    private string _folder = null!;
    private EmbeddedDatabase _db = null!;
    private CountingIntents _intents = null!;
    private readonly WatchedClock _clock = new();

    [SetUp]
    public void Open()
    {
        _folder = Path.Combine(Path.GetTempPath(), "occi-intents-" + Guid.NewGuid().ToString("N"));
        _db = EmbeddedDatabase.Open(new EmbeddedStoreOptions { DataPath = _folder });
        _intents = new CountingIntents(new JournalIntentStore(_db));
    }

    [TearDown]
    public void Close()
    {
        _db.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private async Task<string[]> OpenIntentsAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => "i" + i).ToArray();
        foreach (var id in ids) await _intents.WriteAsync(new Intent(id, "create", "/compute/" + id, null, null, _clock.GetUtcNow()), CancellationToken.None);
        return ids;
    }

    [Test]
    public async Task Completions_arriving_one_by_one_are_gathered_into_few_writes_and_closed_soon()
    {
        var ids = await OpenIntentsAsync(40);
        using var completion = new IntentCompletion(_intents, _clock, NullLogger<IntentCompletion>.Instance);
        await completion.StartAsync(CancellationToken.None);

        // One create a millisecond, as a client creating machines in a loop would cause: all within one Gather.
        completion.Complete(ids[0]);
        Assert.That(await _clock.NextWaitAsync(), Is.EqualTo(IntentCompletion.Gather), "the first completion wakes the closer, which gathers");
        var spread = TimeSpan.Zero;
        foreach (var id in ids.Skip(1))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            spread += TimeSpan.FromMilliseconds(1);
            completion.Complete(id);
        }
        Assert.That(_intents.CompleteCalls, Is.Zero, "nothing is written while the closer gathers");

        _clock.Advance(IntentCompletion.Gather - spread);
        await _intents.FirstCompletion;
        Assert.That(await _intents.ListOpenAsync(CancellationToken.None), Is.Empty);
        // Woken per completion, the closer would write 40 times; gathering, once per Gather.
        Assert.That(_intents.CompleteCalls, Is.EqualTo(1));
        await completion.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Stopping_closes_every_intent_still_queued()
    {
        var ids = await OpenIntentsAsync(3000); // more than one drain's batch of 1,024
        var completion = new IntentCompletion(_intents, _clock, NullLogger<IntentCompletion>.Instance);
        await completion.StartAsync(CancellationToken.None);

        foreach (var id in ids) completion.Complete(id);
        await completion.StopAsync(CancellationToken.None);

        Assert.That(await _intents.ListOpenAsync(CancellationToken.None), Is.Empty);
        completion.Dispose();
    }

    /// <summary>The real journal store, counting how often it is asked to close intents.</summary>
    private sealed class CountingIntents(IIntentStore inner) : IIntentStore
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int CompleteCalls;

        /// <summary>Done once the first close has been written (a minute at most: a guard against a hang, not a timing).</summary>
        public Task FirstCompletion => _first.Task.WaitAsync(TimeSpan.FromMinutes(1));

        public Task WriteAsync(Intent intent, CancellationToken ct) => inner.WriteAsync(intent, ct);
        public Task<bool> CompleteAsync(string intentId, CancellationToken ct) => Counted(inner.CompleteAsync(intentId, ct));
        public Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken ct) => Counted(inner.CompleteManyAsync(intentIds, ct));
        public Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken ct) => inner.ListOpenAsync(ct);

        private async Task<T> Counted<T>(Task<T> completing)
        {
            Interlocked.Increment(ref CompleteCalls);
            var result = await completing;
            _first.TrySetResult();
            return result;
        }
    }

    /// <summary>A fake clock that reports each wait started on it, so the test moves it only once the closer waits.</summary>
    private sealed class WatchedClock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _waits.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>The due time of the next wait started (a minute at most: a guard against a hang, not a timing).</summary>
        public Task<TimeSpan> NextWaitAsync() => _waits.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
    }
}
