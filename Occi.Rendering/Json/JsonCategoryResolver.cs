using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering.Json;

/// <summary>Kinds, mixins and actions defined by a JSON body (GFD.225 §3.2), with what they refer to resolved.</summary>
internal sealed record JsonCategoryModel(IReadOnlyList<Kind> Kinds, IReadOnlyList<Mixin> Mixins, IReadOnlyList<OcciAction> Actions);

/// <summary>
/// Builds category definitions from drafts. A parent, depends or action is taken from the same body
/// first, then from the model; one named nowhere becomes a bare category of that identity, for the
/// server's validation to judge.
/// </summary>
internal sealed class JsonCategoryResolver(CategorySnapshot model, JsonRequestBuilder errors, bool userDefined)
{
    private readonly Dictionary<CategoryId, JsonObjectDraft> _kindDrafts = [];
    private readonly Dictionary<CategoryId, JsonObjectDraft> _mixinDrafts = [];
    private readonly Dictionary<CategoryId, JsonObjectDraft> _actionDrafts = [];
    private readonly Dictionary<CategoryId, Category> _built = [];
    private readonly HashSet<CategoryId> _building = [];

    public JsonCategoryModel Resolve(JsonObjectDraft body)
    {
        Index(body.KindObjects, _kindDrafts);
        Index(body.MixinObjects, _mixinDrafts);
        Index(body.ActionObjects, _actionDrafts);
        var kinds = _kindDrafts.Values.Select(d => Kind(d)).ToList();
        var mixins = _mixinDrafts.Values.Select(d => Mixin(d)).ToList();
        var actions = _actionDrafts.Values.Select(d => Action(d)).ToList();
        return new JsonCategoryModel(kinds, mixins, actions);
    }

    private void Index(List<JsonObjectDraft>? drafts, Dictionary<CategoryId, JsonObjectDraft> index)
    {
        if (drafts is null) return;
        foreach (var d in drafts)
            if (!index.TryAdd(IdOf(d), d)) throw errors.Fail(d, $"category {IdOf(d)} is defined twice");
    }

    public Kind Kind(JsonObjectDraft d)
    {
        var id = IdOf(d);
        if (_built.TryGetValue(id, out var done)) return (Kind)done;
        Enter(d, id);
        Kind? parent = null;
        if (d.Parent is { } parentId)
            parent = _kindDrafts.TryGetValue(parentId, out var pd) ? Kind(pd) : model.FindKind(parentId) ?? Bare(d, () => new Kind(parentId.Scheme, parentId.Term));
        var kind = Build(d, () => new Kind(id.Scheme, id.Term, d.Title, parent, d.Location, Definitions(d), Actions(d)));
        return Leave(id, kind);
    }

    public Mixin Mixin(JsonObjectDraft d)
    {
        var id = IdOf(d);
        if (_built.TryGetValue(id, out var done)) return (Mixin)done;
        Enter(d, id);
        var depends = new List<Mixin>();
        foreach (var dependId in d.Depends ?? [])
            depends.Add(_mixinDrafts.TryGetValue(dependId, out var dd) ? Mixin(dd)
                : model.FindMixin(dependId) ?? Bare(d, () => new Mixin(dependId.Scheme, dependId.Term)));
        var mixin = Build(d, () => new Mixin(id.Scheme, id.Term, d.Title, d.Location, depends, d.Applies,
            Definitions(d), Actions(d), userDefined));
        return Leave(id, mixin);
    }

    private OcciAction Action(JsonObjectDraft d)
    {
        var id = IdOf(d);
        if (_built.TryGetValue(id, out var done)) return (OcciAction)done;
        return (OcciAction)(_built[id] = Build(d, () => new OcciAction(id.Scheme, id.Term, d.Title, Definitions(d))));
    }

    private List<OcciAction> Actions(JsonObjectDraft d)
    {
        var actions = new List<OcciAction>();
        foreach (var actionId in d.ActionIds ?? [])
            actions.Add(_actionDrafts.TryGetValue(actionId, out var ad) ? Action(ad)
                : model.FindAction(actionId) ?? Bare(d, () => new OcciAction(actionId.Scheme, actionId.Term)));
        if (d.ActionObjects is not null) throw errors.Fail(d, "a category's 'actions' are action identifiers");
        return actions;
    }

    private List<AttributeDefinition> Definitions(JsonObjectDraft d)
    {
        var list = new List<AttributeDefinition>();
        if (d.Attributes is null) return list;
        foreach (var (name, value) in d.Attributes)
        {
            if (value.Kind != AttributeValueKind.Object) throw errors.Fail(d, $"attribute definition '{name}' must be an object");
            list.Add(JsonDefinitionReader.Read(name, value, message => errors.Fail(d, message)));
        }
        return list;
    }

    private CategoryId IdOf(JsonObjectDraft d)
    {
        // GFD.183 §4.4.1: a scheme ends in '#' and the term is not empty.
        if (d.Scheme is not { Length: > 0 } scheme || !scheme.EndsWith('#')) throw errors.Fail(d, "a category needs a 'scheme' ending in '#'");
        if (d.Term is not { Length: > 0 } term) throw errors.Fail(d, "a category needs a 'term'");
        return new CategoryId(scheme, term);
    }

    /// <summary>Parent and depends chains are resolved recursively: bounded, so no body can exhaust the stack.</summary>
    private const int MaxChain = 64;

    private void Enter(JsonObjectDraft d, CategoryId id)
    {
        if (_building.Count >= MaxChain) throw errors.Fail(d, $"parent/depends chain of {id} is longer than {MaxChain}");
        if (!_building.Add(id)) throw errors.Fail(d, $"category {id} depends on itself");
    }

    private T Leave<T>(CategoryId id, T category) where T : Category
    {
        _building.Remove(id);
        _built[id] = category;
        return category;
    }

    private T Bare<T>(JsonObjectDraft d, Func<T> create) where T : Category => Build(d, create);

    /// <summary>Model constructors refuse bad names, patterns and enums with ArgumentException; here that is a parse error.</summary>
    private T Build<T>(JsonObjectDraft d, Func<T> create)
    {
        try { return create(); }
        catch (ArgumentException e) { throw errors.Fail(d, e.Message, e); }
    }
}
