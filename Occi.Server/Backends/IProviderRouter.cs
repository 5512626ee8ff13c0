using Occi.Core.Model;

namespace Occi.Server.Backends;

/// <summary>
/// Which provider (issue 19: <c>Occi:Providers</c>) serves new entities of a kind. One provider, named after its
/// backend in lower case ("local", "libvirt"), when only <c>Occi:Backend</c> is set. The answer comes from, in order:
/// a runtime assignment (pyOCNI's update_provider.json, set through <see cref="Assign"/>), the kinds a provider
/// claims in configuration (<c>Occi:Providers:&lt;name&gt;:Kinds</c>), the default provider when it offers the kind,
/// the first provider by name that offers it, and last the default provider. A client's region mixin on a create
/// overrides all of these. Reads take no lock: every create asks.
/// </summary>
internal interface IProviderRouter
{
    /// <summary>The providers' names, ordered by name.</summary>
    IReadOnlyList<string> Providers { get; }

    /// <summary>The provider of kinds nobody claims: the one configured <c>Default</c>, else the first by name.</summary>
    string DefaultProvider { get; }

    bool IsProvider(string name);

    /// <summary>The provider a new entity of <paramref name="kind"/> goes to (never null: there is always one provider).</summary>
    string ProviderFor(CategoryId kind);

    /// <summary>The provider assigned to <paramref name="kind"/> at run time, if any (configuration's claims are not assignments).</summary>
    bool TryGetAssignment(CategoryId kind, out string provider);

    /// <summary>
    /// From now on new entities of <paramref name="kind"/> go to <paramref name="provider"/>. Not persisted here: the
    /// owner of the runtime kind stores it and assigns again at start. Throws <see cref="ArgumentException"/> naming
    /// the provider when it is not one of <see cref="Providers"/>.
    /// </summary>
    void Assign(CategoryId kind, string provider);

    /// <summary>Removes the runtime assignment of <paramref name="kind"/>; false when there was none.</summary>
    bool Clear(CategoryId kind);
}
