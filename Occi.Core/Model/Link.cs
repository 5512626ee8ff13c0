namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.5.3: "An instance of the Link type defines a base association between two Resource
/// instances." GFD.221 adds the kinds of source and target (occi.core.source.kind/target.kind).
/// </summary>
public sealed class Link : Entity
{
    public const string SourceAttribute = "occi.core.source";
    public const string TargetAttribute = "occi.core.target";
    public const string SourceKindAttribute = "occi.core.source.kind";
    public const string TargetKindAttribute = "occi.core.target.kind";

    /// <summary>Location of the source resource (a path, or an absolute URI outside this server).</summary>
    public string Source { get; set; } = "";

    /// <summary>Location of the target resource.</summary>
    public string Target { get; set; } = "";

    public CategoryId? SourceKind { get; set; }
    public CategoryId? TargetKind { get; set; }

    /// <summary>The backend's id of the source resource, resolved by the server before a backend sees the link; never rendered.</summary>
    public string? SourceBackendId { get; set; }

    /// <summary>The backend's id of the target resource (null when the target lies outside this server); never rendered.</summary>
    public string? TargetBackendId { get; set; }

    public override Link Copy() => CopyInto(new Link
    {
        Source = Source, Target = Target, SourceKind = SourceKind, TargetKind = TargetKind,
        SourceBackendId = SourceBackendId, TargetBackendId = TargetBackendId,
    });
}
