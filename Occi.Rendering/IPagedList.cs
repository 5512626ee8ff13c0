namespace Occi.Rendering;

/// <summary>
/// A listing read from the store a page at a time: only the page loaded last can be read. A rendering
/// streaming it (<see cref="ICollectionStreaming"/>) asks <see cref="Holds"/> before it reads a member and,
/// when the answer is no, ends a step there, yielding that position; the server then awaits
/// <see cref="LoadAsync"/>, which loads the page from the member asked for. A member deleted since the
/// listing was taken reads as null, and renderings leave it out.
/// </summary>
public interface IPagedList
{
    /// <summary>Whether member <paramref name="index"/> can be read now; if not, it is the one <see cref="LoadAsync"/> loads from.</summary>
    bool Holds(int index);

    /// <summary>Loads the page asked for by the last <see cref="Holds"/> that answered no (nothing when none did).</summary>
    ValueTask LoadAsync(CancellationToken cancellationToken);
}
