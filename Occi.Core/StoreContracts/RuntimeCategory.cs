using Occi.Core.Model;

namespace Occi.Core.StoreContracts;

/// <summary>
/// A kind or an action an operator defined on the query interface while the server runs (pyOCNI's category manager,
/// issue 19), as <see cref="ICategoryStore"/> keeps it: the definition (a <see cref="Kind"/> or an <see cref="OcciAction"/>,
/// whose parent and actions come back from the store as identities only, for the server to resolve against its
/// registry), and, for a kind, the providers that serve its entities.
/// </summary>
public sealed record RuntimeCategory(Category Definition, ProviderAssignment Providers)
{
    public CategoryId Id => Definition.Id;
}

/// <summary>
/// pyOCNI's <c>update_provider.json</c> entry for a kind: the <c>local</c> and <c>remote</c> providers that serve it, by
/// name. No name but <see cref="StoreOnly"/> means no cloud is behind the kind: the store alone holds its entities (OCCI
/// as a registry).
/// </summary>
public sealed record ProviderAssignment(IReadOnlyList<string> Local, IReadOnlyList<string> Remote)
{
    /// <summary>pyOCNI's own provider that keeps entities in its database only: here, the gateway's store.</summary>
    public const string StoreOnly = "dummy";

    public static readonly ProviderAssignment None = new([], []);

    /// <summary>The provider that serves the kind's entities: the first named, local before remote, other than <see cref="StoreOnly"/>; null for the store alone.</summary>
    public string? Serving => Local.Concat(Remote).FirstOrDefault(n => n != StoreOnly);
}
