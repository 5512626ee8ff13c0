using Occi.Core;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Contract;

/// <summary>What every <see cref="IIntentStore"/> must do: write, list the open ones oldest first, complete once.</summary>
public abstract class IntentStoreContract<TStore> : StoreContract<TStore> where TStore : IStoreUnderTest, new()
{
    private static Intent NewIntent(string id, int minute, string? backendId = null) =>
        new(id, "create", "/compute/" + id, backendId, "alice", new DateTimeOffset(2026, 1, 2, 3, minute, 5, 678, TimeSpan.Zero), "detail " + id);

    [Test]
    public async Task Written_intents_are_listed_open_oldest_first_with_every_field()
    {
        await Intents.WriteAsync(NewIntent("i2", 20, "b-2"), None);
        await Intents.WriteAsync(NewIntent("i1", 10), None);
        var open = await Intents.ListOpenAsync(None);
        Assert.That(open, Is.EqualTo(new[] { NewIntent("i1", 10), NewIntent("i2", 20, "b-2") }));
    }

    [Test]
    public async Task Completing_an_intent_closes_it_once()
    {
        await Intents.WriteAsync(NewIntent("i1", 10), None);
        await Intents.WriteAsync(NewIntent("i2", 20), None);
        Assert.That(await Intents.CompleteAsync("i1", None), Is.True);
        Assert.That(await Intents.CompleteAsync("i1", None), Is.False);
        Assert.That((await Intents.ListOpenAsync(None)).Select(i => i.Id), Is.EqualTo(new[] { "i2" }));
    }

    [Test]
    public async Task Completing_many_intents_closes_those_open_and_counts_them()
    {
        await Intents.WriteAsync(NewIntent("i1", 10), None);
        await Intents.WriteAsync(NewIntent("i2", 20), None);
        await Intents.WriteAsync(NewIntent("i3", 30), None);
        Assert.That(await Intents.CompleteManyAsync(["i1", "i3", "missing"], None), Is.EqualTo(2));
        Assert.That((await Intents.ListOpenAsync(None)).Select(i => i.Id), Is.EqualTo(new[] { "i2" }));
    }

    [Test]
    public async Task Writing_an_intent_id_twice_throws_Conflict()
    {
        await Intents.WriteAsync(NewIntent("i1", 10), None);
        var e = Assert.ThrowsAsync<OcciException>(() => Intents.WriteAsync(NewIntent("i1", 11), None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }
}
