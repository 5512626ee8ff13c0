namespace Occi.Storage.Embedded;

/// <summary>
/// One change to the stored entities, as the journal records it and SQLite applies it. Every change
/// states the end result (a whole document, or a removal), never a difference, so applying a change
/// twice leaves the same rows as applying it once: replaying a journal SQLite already partly holds is safe.
/// </summary>
internal readonly record struct EntityChange
{
    private EntityChange(StoredEntity? put, byte[]? document, string? delete, string? deleteBelow) =>
        (Put, Document, Delete, DeleteBelow) = (put, document, delete, deleteBelow);

    /// <summary>The entity as it now is (with version and owner), or null.</summary>
    public StoredEntity? Put { get; }

    /// <summary>The UTF-8 JSON document <see cref="Put"/> was decoded from.</summary>
    public byte[]? Document { get; }

    /// <summary>The location of an entity removed, or null.</summary>
    public string? Delete { get; }

    /// <summary>The prefix every removed entity's location starts with, or null.</summary>
    public string? DeleteBelow { get; }

    public static EntityChange Store(StoredEntity entity, byte[] document) => new(entity, document, null, null);

    public static EntityChange Remove(string location) => new(null, null, location, null);

    public static EntityChange RemoveBelow(string prefix) => new(null, null, null, prefix);
}
