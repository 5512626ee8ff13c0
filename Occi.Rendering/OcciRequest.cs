using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering;

/// <summary>
/// What a request's body (and OCCI headers) said, in model terms, whatever the media type. A parser fills
/// in everything the message carries; the server's operation picks what its route needs:
/// an entity to create or update, an action to trigger, user mixin definitions for the query interface,
/// categories and attributes as filters, locations for mixin membership.
/// </summary>
public sealed class OcciRequest
{
    /// <summary>Categories named in the message, in order (kinds, mixins, actions; filters on GET).</summary>
    public List<CategoryId> Categories { get; } = [];

    /// <summary>
    /// Entities the message describes. Text renderings give at most one (built when a kind is named,
    /// or when links/attributes describe an update without a kind: then Kind is default);
    /// JSON gives one per resource/link of a collection.
    /// </summary>
    public List<Entity> Entities { get; } = [];

    /// <summary>Mixin definitions (query interface POST/DELETE): categories that carry a location, or JSON mixins.</summary>
    public List<Mixin> Mixins { get; } = [];

    /// <summary>An action invocation, when the message names an action category.</summary>
    public ActionInvocation? Action { get; set; }

    /// <summary>X-OCCI-Location values, or the locations of a JSON/uri-list collection, as given (absolute or relative).</summary>
    public List<string> Locations { get; } = [];

    /// <summary>
    /// The category definitions of a query interface rendering, as a client reads a server's model: kinds with their
    /// locations and parents, mixins, actions, each with its attributes and actions (GFD.185 §3.4.1 Category values
    /// that carry a location, attributes or actions; GFD.225 §3.2's kind, mixin and action objects). Null when the
    /// message defines none, so requests that name categories pay nothing for it.
    /// </summary>
    public List<Category>? Definitions { get; set; }

    /// <summary>
    /// pyOCNI's <c>{"providers":[{"Provider":{"local":[…],"remote":[…]},"OCCI_ID":kind}]}</c> (a PUT on the query
    /// interface): which providers serve each named kind. Null when the message names none.
    /// </summary>
    public List<KindProviders>? Providers { get; set; }

    /// <summary>Every attribute the message carries, as given (for filters and action attributes).</summary>
    public AttributeBag Attributes { get; } = new();

    public bool IsEmpty => Categories.Count == 0 && Entities.Count == 0 && Mixins.Count == 0 && Action is null
        && Locations.Count == 0 && Attributes.Count == 0 && Providers is null;
}

/// <summary>One entry of pyOCNI's <c>providers</c> list: the kind (<c>OCCI_ID</c>) and the providers that serve it.</summary>
public sealed record KindProviders(CategoryId Kind, Occi.Core.StoreContracts.ProviderAssignment Providers);
