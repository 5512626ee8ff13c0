using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Storage.Contract;

/// <summary>
/// What the contract fixtures share: a fresh, empty store of <typeparamref name="TStore"/> opened before each test
/// and closed after it.
/// </summary>
public abstract class StoreContract<TStore> where TStore : IStoreUnderTest, new()
{
    protected static readonly CategoryId Blue = new("http://example.org/tags#", "blue");
    protected static readonly CategoryId Red = new("http://example.org/tags#", "red");
    protected static readonly CancellationToken None = CancellationToken.None;

    private TStore? _store;

    protected IEntityStore Entities { get; private set; } = null!;
    protected ICategoryStore Categories { get; private set; } = null!;
    protected IIntentStore Intents { get; private set; } = null!;

    [SetUp]
    public async Task OpenStores()
    {
        _store = new TStore();
        (Entities, Categories, Intents) = await _store.OpenAsync();
    }

    [TearDown]
    public Task CloseStores() => _store?.CloseAsync() ?? Task.CompletedTask;
}
