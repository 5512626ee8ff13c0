namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.5.2: "The Resource type inherits Entity and describes a concrete resource that can be
/// inspected and manipulated." It owns the links whose source it is.
/// </summary>
public sealed class Resource : Entity
{
    public const string SummaryAttribute = "occi.core.summary";

    public List<Link> Links { get; } = [];

    public override Resource Copy()
    {
        var copy = CopyInto(new Resource());
        foreach (var link in Links) copy.Links.Add(link.Copy());
        return copy;
    }

    public string? Summary
    {
        get => Attributes.GetString(SummaryAttribute);
        set => Attributes.Set(SummaryAttribute, value is null ? (Occi.Core.Attributes.AttributeValue?)null : Occi.Core.Attributes.AttributeValue.String(value));
    }
}
