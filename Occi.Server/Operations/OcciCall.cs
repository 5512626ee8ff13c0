using Occi.Core.BackendContracts;
using Occi.Rendering;
using Occi.Server.Entities;

namespace Occi.Server.Operations;

/// <summary>One OCCI request after negotiation, parsing and resolution: everything an operation needs.</summary>
internal sealed record OcciCall(
    string Method,
    ResolvedPath Path,
    OcciRequest Request,
    IOcciRendering Output,
    Caller Caller,
    string BaseUrl,
    string? ActionTerm,
    Paging? Paging,
    bool PreferRepresentation)
{
    /// <summary>Categories named by ?category=&lt;scheme+term&gt; (DELETE /-/?category=… removes a user mixin).</summary>
    public IReadOnlyList<Occi.Core.Model.CategoryId> NamedCategories { get; init; } = [];

    /// <summary>How fresh a GET of one entity must be: <see cref="ReadFreshness.Live"/> for Cache-Control: no-cache (<c>Http/ReadFreshnessHeader</c>).</summary>
    public ReadFreshness Freshness { get; init; } = ReadFreshness.Known;

    /// <summary>If-Match / If-None-Match, which requests on one entity honour (RFC 9110 §13.1).</summary>
    public WriteCondition Condition { get; init; } = WriteCondition.None;

    public MethodNotAllowedException MethodNotAllowed(string allowed) =>
        new($"{Method} is not allowed on {Path.Path}; allowed: {allowed}", allowed);
}

/// <summary>GFD.223 §4.5 pagination: ?page=N (from 1) &amp;number=M entities per page.</summary>
internal readonly record struct Paging(int Page, int Number)
{
    public int Skip => (Page - 1) * Number;
}
