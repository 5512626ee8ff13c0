using Microsoft.Extensions.Logging.Abstractions;
using Occi.Core.StoreContracts;
using Occi.Server.Background;
using Occi.Storage.Embedded;

namespace Occi.Server.Tests;

/// <summary>Intents are closed off the request path: soon, in few journal writes, and all of them by the time the server stops.</summary>
public sealed class IntentCompletionTests
{
    private string _folder = null!;
    private EmbeddedDatabase _db = null!;
    private CountingIntents _intents = null!;

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
        foreach (var id in ids) await _intents.WriteAsync(new Intent(id, "create", "/compute/" + id, null, null, DateTimeOffset.UtcNow), CancellationToken.None);
        return ids;
    }

    [Test]
    public async Task Completions_arriving_one_by_one_are_gathered_into_few_writes_and_closed_soon()
    {
        var ids = await OpenIntentsAsync(40);
        using var completion = new IntentCompletion(_intents, NullLogger<IntentCompletion>.Instance);
        await completion.StartAsync(CancellationToken.None);

        // One create every few milliseconds, as a client creating machines in a loop would cause.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var id in ids)
        {
            completion.Complete(id);
            await Task.Delay(3);
        }
        var spread = clock.Elapsed;

        Assert.That(async () => await _intents.ListOpenAsync(CancellationToken.None), Is.Empty.After(5000, 20));
        // Woken per completion, the closer would write about 40 times; gathering, about once per Gather.
        var gathers = (int)(spread / IntentCompletion.Gather) + 2;
        Assert.That(_intents.CompleteCalls, Is.LessThanOrEqualTo(Math.Min(gathers, ids.Length / 2)), $"over {spread.TotalMilliseconds:N0} ms");
        await completion.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Stopping_closes_every_intent_still_queued()
    {
        var ids = await OpenIntentsAsync(3000); // more than one drain's batch of 1,024
        var completion = new IntentCompletion(_intents, NullLogger<IntentCompletion>.Instance);
        await completion.StartAsync(CancellationToken.None);

        foreach (var id in ids) completion.Complete(id);
        await completion.StopAsync(CancellationToken.None);

        Assert.That(await _intents.ListOpenAsync(CancellationToken.None), Is.Empty);
        completion.Dispose();
    }

    /// <summary>The real journal store, counting how often it is asked to close intents.</summary>
    private sealed class CountingIntents(IIntentStore inner) : IIntentStore
    {
        public int CompleteCalls;

        public Task WriteAsync(Intent intent, CancellationToken ct) => inner.WriteAsync(intent, ct);
        public Task<bool> CompleteAsync(string intentId, CancellationToken ct) { Interlocked.Increment(ref CompleteCalls); return inner.CompleteAsync(intentId, ct); }
        public Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken ct) { Interlocked.Increment(ref CompleteCalls); return inner.CompleteManyAsync(intentIds, ct); }
        public Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken ct) => inner.ListOpenAsync(ct);
    }
}
