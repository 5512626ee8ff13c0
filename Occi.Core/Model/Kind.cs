using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.4.3: "The Kind type [...] is the core of the type classification system built into the
/// OCCI Core Model." Every entity has exactly one Kind; kinds form a tree rooted at occi/core#entity.
/// </summary>
public sealed class Kind : Category
{
    public Kind(string scheme, string term, string? title = null, Kind? parent = null, string? location = null,
        IEnumerable<AttributeDefinition>? attributes = null, IEnumerable<OcciAction>? actions = null)
        : base(scheme, term, title, attributes)
    {
        Parent = parent;
        Location = location;
        Actions = actions?.ToArray() ?? [];
    }

    public Kind? Parent { get; }

    /// <summary>Path of the kind's collection, e.g. "/compute/". Null for abstract kinds such as entity.</summary>
    public string? Location { get; }

    public IReadOnlyList<OcciAction> Actions { get; }

    /// <summary>
    /// Defined by an operator on the query interface while the server runs (pyOCNI's category manager, issue 19), not
    /// by GFD.183/GFD.184 or a backend: only such a kind may be redefined or deleted.
    /// </summary>
    public bool IsRuntime { get; init; }

    public override string ClassName => "kind";

    /// <summary>True when this kind is <paramref name="other"/> or inherits from it.</summary>
    public bool IsOrInherits(CategoryId other)
    {
        for (var k = this; k is not null; k = k.Parent)
            if (k.Id == other) return true;
        return false;
    }

    /// <summary>This kind and its ancestors, closest first.</summary>
    public IEnumerable<Kind> SelfAndAncestors()
    {
        for (var k = this; k is not null; k = k.Parent) yield return k;
    }
}
