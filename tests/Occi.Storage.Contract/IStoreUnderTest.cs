using Occi.Core.StoreContracts;

namespace Occi.Storage.Contract;

/// <summary>
/// One store implementation as the contracts use it: a new instance per test, opened empty before the test and
/// closed after it. Each store's test project has one, and runs every contract fixture with it.
/// </summary>
public interface IStoreUnderTest
{
    /// <summary>Opens an empty store.</summary>
    Task<(IEntityStore Entities, ICategoryStore Categories, IIntentStore Intents)> OpenAsync();

    /// <summary>Closes (and may wipe) the store opened by <see cref="OpenAsync"/>; also called when opening failed or was skipped.</summary>
    Task CloseAsync();
}
