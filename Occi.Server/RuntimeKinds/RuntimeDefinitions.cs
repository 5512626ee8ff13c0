using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Server.RuntimeKinds;

/// <summary>
/// Runtime kinds and actions (issue 19) made whole against the model: a definition names its parent and actions by
/// identity (a parser or the store gives bare categories for them); each is taken from the same batch first, then from
/// the model. A parent or action named nowhere is a client's mistake (400): the registry would otherwise take the bare
/// category in as a kind or action of its own. A kind without a parent is a resource (GFD.183 §4.5: kinds form one
/// tree, and a runtime kind describes resources unless it says it describes links).
/// </summary>
internal sealed class RuntimeDefinitions
{
    /// <summary>Parent chains are followed recursively: bounded, so no body can exhaust the stack.</summary>
    private const int MaxChain = 64;

    private readonly CategorySnapshot _model;
    private readonly Dictionary<CategoryId, Category> _given = [];
    private readonly Dictionary<CategoryId, Category> _built = [];
    private readonly HashSet<CategoryId> _building = [];

    private RuntimeDefinitions(CategorySnapshot model, IEnumerable<Category> given)
    {
        _model = model;
        foreach (var c in given) _given[c.Id] = c;
    }

    /// <summary>
    /// The batch's kinds and actions, marked runtime and linked to each other and the model, followed by the runtime
    /// kinds of the model that inherit from or name one of them, linked anew (so none keeps the definition replaced).
    /// </summary>
    /// <param name="skip">
    /// Null: a definition that names what is known nowhere fails the whole batch. Given (loading the stored ones at start):
    /// that definition is reported to it and left out, and the others are resolved.
    /// </param>
    public static IReadOnlyList<Category> Resolve(IEnumerable<Category> batch, CategorySnapshot model, Action<Category, OcciException>? skip = null)
    {
        var definitions = new RuntimeDefinitions(model, batch);
        var result = new List<Category>();
        foreach (var c in definitions._given.Values)
        {
            try { result.Add(definitions.Build(c)); }
            catch (OcciException e) when (skip is not null)
            {
                definitions._building.Clear();
                skip(c, e);
            }
        }
        foreach (var kind in model.Kinds)
            if (kind.IsRuntime && !definitions._given.ContainsKey(kind.Id) && definitions.NamesRedefined(kind))
                result.Add(definitions.Relink(kind));
        return result;
    }

    private Category Build(Category c)
    {
        if (_built.TryGetValue(c.Id, out var done)) return done;
        return _built[c.Id] = c switch
        {
            Kind k => BuildKind(k),
            OcciAction a => new OcciAction(a.Scheme, a.Term, a.Title, a.Attributes) { IsRuntime = true },
            _ => throw OcciException.BadRequest($"{c.ClassName} {c.Id} is no kind or action"),
        };
    }

    private Kind BuildKind(Kind k)
    {
        if (_building.Count >= MaxChain) throw OcciException.BadRequest($"the parent chain of kind {k.Id} is longer than {MaxChain}");
        if (!_building.Add(k.Id)) throw OcciException.BadRequest($"kind {k.Id} is its own ancestor");
        var parent = k.Parent is null ? CoreCategories.Resource : KindNamed(k.Parent.Id, k.Id);
        var actions = k.Actions.Select(a => ActionNamed(a.Id, k.Id)).ToArray();
        _building.Remove(k.Id);
        return new Kind(k.Scheme, k.Term, k.Title, parent, k.Location, k.Attributes, actions) { IsRuntime = true };
    }

    private Kind KindNamed(CategoryId id, CategoryId by) => _given.TryGetValue(id, out var given)
        ? Build(given) as Kind ?? throw OcciException.BadRequest($"kind {by} names {id} as its parent, which is an action")
        : _model.Find(id) switch
        {
            Kind known => _built.TryGetValue(id, out var relinked) ? (Kind)relinked : known.IsRuntime && NamesRedefined(known) ? Relink(known) : known,
            null => throw OcciException.BadRequest($"kind {by} names {id} as its parent, which this server does not know: define it first, or in the same request"),
            var other => throw OcciException.BadRequest($"kind {by} names {id} as its parent, which is a {other.ClassName}"),
        };

    private OcciAction ActionNamed(CategoryId id, CategoryId by) => _given.TryGetValue(id, out var given)
        ? Build(given) as OcciAction ?? throw OcciException.BadRequest($"kind {by} names {id} as an action, which is a kind")
        : _model.Find(id) switch
        {
            OcciAction known => known,
            null => throw OcciException.BadRequest($"kind {by} names action {id}, which this server does not know: define it first, or in the same request"),
            var other => throw OcciException.BadRequest($"kind {by} names {id} as an action, which is a {other.ClassName}"),
        };

    /// <summary>Whether a stored kind inherits from or names a category of the batch.</summary>
    private bool NamesRedefined(Kind kind) =>
        kind.SelfAndAncestors().Skip(1).Any(k => _given.ContainsKey(k.Id)) || kind.SelfAndAncestors().Any(k => k.Actions.Any(a => _given.ContainsKey(a.Id)));

    private Kind Relink(Kind kind)
    {
        if (_built.TryGetValue(kind.Id, out var done)) return (Kind)done;
        return (Kind)(_built[kind.Id] = BuildKind(kind));
    }
}
