namespace Occi.Backends.Local;

/// <summary>An OS image the simulator offers as an os_tpl mixin (<c>Occi:Local:OsTemplates:N:Term</c>, <c>…:Title</c>).</summary>
/// <remarks>Every parameter has a default so the configuration binder can build one from a partial entry; the validator then names what is missing.</remarks>
public sealed record OsTemplateOption(string Term = "", string Title = "")
{
    /// <summary>The mixin's title: the term when none is configured.</summary>
    public string Title { get; init; } = Title is { Length: > 0 } ? Title : Term;
}
