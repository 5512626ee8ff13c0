using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.4.2: "The Action type is an abstract type. Each sub-type of Action defines an invocable
/// operation applicable to an Entity sub-type instance or a collection thereof."
/// (Named OcciAction so it never shadows System.Action.)
/// </summary>
public sealed class OcciAction : Category
{
    public OcciAction(string scheme, string term, string? title = null, IEnumerable<AttributeDefinition>? attributes = null)
        : base(scheme, term, title, attributes) { }

    /// <summary>Defined by an operator on the query interface while the server runs (issue 19); see <see cref="Kind.IsRuntime"/>.</summary>
    public bool IsRuntime { get; init; }

    public override string ClassName => "action";
}
