using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;

namespace Occi.Cli.Protocol;

/// <summary>
/// What a server's query interface (GET /-/) said: its kinds, mixins and actions, and where their collections are.
/// Commands look kinds and templates up here, never at hard-coded paths, so `occi` works with any OCCI server's
/// name-space. Locations are kept as the server wrote them and compared as absolute URLs.
/// </summary>
internal sealed class ServerModel
{
    private static readonly CategoryId OsTpl = new("http://schemas.ogf.org/occi/infrastructure#", "os_tpl");
    private static readonly CategoryId ResourceTpl = new("http://schemas.ogf.org/occi/infrastructure#", "resource_tpl");

    private readonly Uri _endpoint;

    public ServerModel(IReadOnlyList<Category> categories, Uri endpoint)
    {
        _endpoint = endpoint;
        Categories = categories;
        Kinds = categories.OfType<Kind>().ToList();
        Mixins = categories.OfType<Mixin>().ToList();
        Actions = categories.OfType<OcciAction>().ToList();
        Snapshot = SnapshotOf(categories);
    }

    public IReadOnlyList<Category> Categories { get; }
    public IReadOnlyList<Kind> Kinds { get; }
    public IReadOnlyList<Mixin> Mixins { get; }
    public IReadOnlyList<OcciAction> Actions { get; }

    /// <summary>The model answers are parsed against (it tells link kinds from resource kinds where a rendering leaves that out).</summary>
    public CategorySnapshot Snapshot { get; }

    /// <summary>The built-in OCCI model, for answers read before (or without) discovery.</summary>
    public static CategorySnapshot BuiltIn { get; } = new CategoryRegistry(InfrastructureModel.All).Current;

    /// <summary>A server whose model is not one registry (two categories at one location) is still read, with the built-in model.</summary>
    private static CategorySnapshot SnapshotOf(IReadOnlyList<Category> categories)
    {
        try { return new CategoryRegistry(categories).Current; }
        catch (ArgumentException) { return BuiltIn; }
    }

    /// <summary>A kind named by term ("compute"), identity ("scheme#term") or location ("/compute/").</summary>
    public Kind? FindKind(string name) => Find(Kinds, name, k => k.Location);

    /// <summary>A mixin named by term, identity, title or location; a term shared by several mixins must be given as identity.</summary>
    public Mixin? FindMixin(string name) => Find(Mixins, name, m => m.Location);

    /// <summary>An OS (os_tpl) or resource (resource_tpl) template by term, identity, title or location.</summary>
    public Mixin? FindOsTemplate(string name) => Find(Templates(OsTpl), name, m => m.Location);

    public Mixin? FindResourceTemplate(string name) => Find(Templates(ResourceTpl), name, m => m.Location);

    private List<Mixin> Templates(CategoryId of) => Mixins.Where(m => m.Id != of && m.IsOrDependsOn(of)).ToList();

    /// <summary>The kind whose collection holds <paramref name="entity"/> (the longest location that is a prefix of it).</summary>
    public Kind? KindAt(Uri entity) => Kinds
        .Where(k => k.Location is not null && entity.AbsolutePath.StartsWith(Absolute(k.Location).AbsolutePath, StringComparison.Ordinal))
        .MaxBy(k => k.Location!.Length);

    /// <summary>An action by term or identity; by term, the one of <paramref name="kind"/> first.</summary>
    public OcciAction? FindAction(string name, Kind? kind)
    {
        if (name.Contains('#')) return Actions.FirstOrDefault(a => a.Id.Identity == name) ?? (CategoryId.TryParse(name, out var id) ? new OcciAction(id.Scheme, id.Term) : null);
        if (kind is not null)
            foreach (var k in kind.SelfAndAncestors())
                if (k.Actions.FirstOrDefault(a => a.Term == name) is { } own) return own;
        var named = Actions.Where(a => a.Term == name).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    public Uri Absolute(string location) => new(_endpoint, location);

    /// <summary>True when the entity's kind is <paramref name="kind"/> or inherits from it (as far as the model tells).</summary>
    public bool IsOfKind(Entity entity, Kind kind) =>
        entity.Kind == kind.Id || Kinds.FirstOrDefault(k => k.Id == entity.Kind)?.IsOrInherits(kind.Id) == true;

    /// <summary>
    /// Where an entity rendered without its location is (OCCI 1.1 JSON names only the id): below its kind's
    /// collection, else below the collection it was listed in.
    /// </summary>
    public Uri LocationOf(Entity entity, Uri listedIn)
    {
        if (entity.Location is { } given) return Absolute(given);
        var kindLocation = Kinds.FirstOrDefault(k => k.Id == entity.Kind)?.Location;
        return new Uri(kindLocation is null ? listedIn : Absolute(kindLocation), Uri.EscapeDataString(entity.Id));
    }

    private T? Find<T>(IReadOnlyList<T> categories, string name, Func<T, string?> locationOf) where T : Category
    {
        if (categories.FirstOrDefault(c => c.Id.Identity == name) is { } byIdentity) return byIdentity;
        var byTerm = categories.Where(c => c.Term == name).ToList();
        if (byTerm.Count == 1) return byTerm[0];
        if (byTerm.Count > 1) throw OcciFailure.Usage($"'{name}' names {byTerm.Count} categories ({string.Join(", ", byTerm.Select(c => c.Id.Identity))}): give the identity");
        var byTitle = categories.Where(c => string.Equals(c.Title, name, StringComparison.Ordinal)).ToList();
        if (byTitle.Count == 1) return byTitle[0];
        if (name.Contains('/'))
        {
            var path = Absolute(name).AbsolutePath.TrimEnd('/');
            return categories.FirstOrDefault(c => locationOf(c) is { } l && Absolute(l).AbsolutePath.TrimEnd('/') == path);
        }
        return null;
    }
}
