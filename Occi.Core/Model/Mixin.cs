using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.4.4: "The Mixin type complements the Kind type in defining the OCCI Core Model type
/// classification system. [It] represents an extension mechanism" that adds capabilities
/// (attributes, actions) to entity instances at run time. GFD.221 adds <see cref="Applies"/>.
/// </summary>
public sealed class Mixin : Category
{
    public Mixin(string scheme, string term, string? title = null, string? location = null,
        IEnumerable<Mixin>? depends = null, IEnumerable<CategoryId>? applies = null,
        IEnumerable<AttributeDefinition>? attributes = null, IEnumerable<OcciAction>? actions = null,
        bool isUserDefined = false, string? owner = null)
        : base(scheme, term, title, attributes)
    {
        Owner = owner;
        Location = location;
        Depends = depends?.ToArray() ?? [];
        Applies = applies?.ToArray() ?? [];
        Actions = actions?.ToArray() ?? [];
        IsUserDefined = isUserDefined;
    }

    public string? Location { get; }

    /// <summary>Mixins this one requires (applied together with it).</summary>
    public IReadOnlyList<Mixin> Depends { get; }

    /// <summary>Kinds this mixin may be applied to; empty means any kind.</summary>
    public IReadOnlyList<CategoryId> Applies { get; }

    public IReadOnlyList<OcciAction> Actions { get; }

    /// <summary>User mixins (tags) are created and deleted through the query interface; provider mixins are not.</summary>
    public bool IsUserDefined { get; }

    /// <summary>The tenant that defined this user mixin: only it sees and applies it. Null for provider mixins and user mixins shared by every tenant.</summary>
    public string? Owner { get; }

    /// <summary>
    /// The tenants that see this provider mixin (an AppDB appliance: the tenants its VO maps to); null when every
    /// tenant does. To any other tenant it is a category that does not exist.
    /// </summary>
    public IReadOnlySet<string>? Tenants { get; init; }

    /// <summary>
    /// A mixin this server knows only by identity: named in a user mixin's <c>rel</c> (GFD.185 §3.4.1
    /// examples relate user mixins to mixins of the client's own schemes). It is kept so the definition
    /// renders back as given, but it is no category of the model: the registry does not list it.
    /// </summary>
    public bool IsReferenceOnly { get; init; }

    public override string ClassName => "mixin";

    /// <summary>This mixin followed by the transitive closure of its depends, each once.</summary>
    public IEnumerable<Mixin> SelfAndDependencies()
    {
        var seen = new HashSet<CategoryId>();
        var stack = new Stack<Mixin>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var m = stack.Pop();
            if (!seen.Add(m.Id)) continue;
            yield return m;
            for (var i = m.Depends.Count - 1; i >= 0; i--) stack.Push(m.Depends[i]);
        }
    }

    /// <summary>Depends closure contains <paramref name="id"/> (a template mixin depends on os_tpl, say).</summary>
    public bool IsOrDependsOn(CategoryId id) => SelfAndDependencies().Any(m => m.Id == id);

    public bool CanApplyTo(Kind kind) => Applies.Count == 0 || Applies.Any(kind.IsOrInherits);
}
