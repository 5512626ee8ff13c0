namespace Occi.Core.StoreContracts;

/// <summary>Persists <see cref="Intent"/>s: write before the backend call, complete after, list the open ones on start.</summary>
public interface IIntentStore
{
    /// <summary>Records an open intent. An id already recorded gives an OcciException of kind Conflict.</summary>
    Task WriteAsync(Intent intent, CancellationToken cancellationToken);

    /// <summary>Closes an intent (the store now reflects the outcome) and forgets it; false when no open intent has that id.</summary>
    Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken);

    /// <summary>Closes several intents at once (stores do it in one write); returns how many were open.</summary>
    async Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var id in intentIds)
            if (await CompleteAsync(id, cancellationToken).ConfigureAwait(false)) closed++;
        return closed;
    }

    /// <summary>Every open intent, oldest first (ties by id).</summary>
    Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken);
}
