namespace Occi.Backends.Local;

/// <summary>A flavour the simulator offers as a resource_tpl mixin: its cores and memory (GiB) (<c>Occi:Local:ResourceTemplates:N:*</c>).</summary>
/// <remarks>Every parameter has a default so the configuration binder can build one from a partial entry; the validator then names what is missing.</remarks>
public sealed record ResourceTemplateOption(string Term = "", string Title = "", long Cores = 0, double MemoryGiB = 0)
{
    /// <summary>The mixin's title: the term when none is configured.</summary>
    public string Title { get; init; } = Title is { Length: > 0 } ? Title : Term;
}
