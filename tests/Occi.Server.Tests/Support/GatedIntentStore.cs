using Microsoft.Extensions.DependencyInjection;
using Occi.Core;
using Occi.Core.StoreContracts;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real intent store, with intent writes held at a gate while it is closed, refused while <see cref="Refusing"/>, or
/// made but answered as failed while <see cref="LosingAnswers"/> (a write whose answer a timeout cut off).
/// </summary>
public sealed class GatedIntentStore(IIntentStore inner, CallGate writes) : IIntentStore
{
    public volatile bool Refusing;
    public volatile bool LosingAnswers;

    /// <summary>Puts the configured intent store behind <paramref name="writes"/>; returns how to reach it.</summary>
    public static Func<IServiceProvider, GatedIntentStore> Install(IServiceCollection services, CallGate writes)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IIntentStore));
        services.Remove(registered);
        services.AddSingleton(sp => new GatedIntentStore((IIntentStore)registered.ImplementationFactory!(sp), writes));
        services.AddSingleton<IIntentStore>(sp => sp.GetRequiredService<GatedIntentStore>());
        return sp => sp.GetRequiredService<GatedIntentStore>();
    }

    public async Task WriteAsync(Intent intent, CancellationToken cancellationToken)
    {
        if (writes.Closed) await writes.WaitAsync();
        if (Refusing) throw new OcciException(OcciErrorKind.Unavailable, "the intent store is unavailable");
        await inner.WriteAsync(intent, cancellationToken);
        if (LosingAnswers) throw new OcciException(OcciErrorKind.Unavailable, "the intent store did not answer in time");
    }

    public Task<bool> CompleteAsync(string intentId, CancellationToken cancellationToken) => inner.CompleteAsync(intentId, cancellationToken);
    public Task<int> CompleteManyAsync(IReadOnlyList<string> intentIds, CancellationToken cancellationToken) => inner.CompleteManyAsync(intentIds, cancellationToken);
    public Task<IReadOnlyList<Intent>> ListOpenAsync(CancellationToken cancellationToken) => inner.ListOpenAsync(cancellationToken);
}
