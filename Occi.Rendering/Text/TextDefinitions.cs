using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text;

/// <summary>
/// The Category values of a query interface rendering as category definitions (GFD.185 §3.4.1): a kind's rel is its
/// parent, a mixin's rel the mixins it depends on, actions="…" the category's actions. What a value refers to is
/// taken from the same message first, then from the model; named nowhere, it becomes a bare category of that identity.
/// A value without a class takes the model's, else it is read as a mixin (the class-less categories of a template).
/// </summary>
internal sealed class TextDefinitions
{
    private readonly Dictionary<CategoryId, CategoryValue> _values = [];
    private readonly Dictionary<CategoryId, Category> _built = [];
    private readonly HashSet<CategoryId> _building = [];
    private readonly CategorySnapshot _model;

    private TextDefinitions(CategorySnapshot model) => _model = model;

    public static List<Category> Build(IReadOnlyList<CategoryValue> values, CategorySnapshot model)
    {
        var definitions = new TextDefinitions(model);
        foreach (var v in values) definitions._values.TryAdd(v.Id, v);
        var built = new List<Category>(definitions._values.Count);
        foreach (var v in definitions._values.Values) built.Add(definitions.Define(v));
        return built;
    }

    private Category Define(CategoryValue v)
    {
        if (_built.TryGetValue(v.Id, out var done)) return done;
        // A rel cycle (a kind its own ancestor) is cut where it closes: the category is then built without it.
        if (!_building.Add(v.Id)) return Bare(v.Id, ClassOf(v));
        var attributes = v.Attributes.DistinctBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AttributeDefinition(a.Name, mutable: !a.Immutable, required: a.Required)).ToList();
        Category category = ClassOf(v) switch
        {
            "kind" => new Kind(v.Id.Scheme, v.Id.Term, v.Title, v.Rel.Count > 0 ? Refer(v.Rel[0], "kind") as Kind : null, v.Location, attributes, Actions(v)),
            "action" => new OcciAction(v.Id.Scheme, v.Id.Term, v.Title, attributes),
            _ => new Mixin(v.Id.Scheme, v.Id.Term, v.Title, v.Location, v.Rel.Select(r => Refer(r, "mixin")).OfType<Mixin>().ToList(),
                attributes: attributes, actions: Actions(v)),
        };
        _building.Remove(v.Id);
        return _built[v.Id] = category;
    }

    private List<OcciAction> Actions(CategoryValue v) => v.Actions.Select(a => Refer(a, "action")).OfType<OcciAction>().ToList();

    private Category Refer(CategoryId id, string className) =>
        _values.TryGetValue(id, out var value) ? Define(value) : _model.Find(id) ?? Bare(id, className);

    private string ClassOf(CategoryValue v) => v.Class ?? _model.Find(v.Id)?.ClassName ?? "mixin";

    private static Category Bare(CategoryId id, string className) => className switch
    {
        "kind" => new Kind(id.Scheme, id.Term),
        "action" => new OcciAction(id.Scheme, id.Term),
        _ => new Mixin(id.Scheme, id.Term),
    };
}
