using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering;

/// <summary>
/// One media type's parser and renderer (DESIGN: "IRendering pairs"). Parsers are total: any input
/// gives an <see cref="OcciRequest"/> or an <see cref="OcciParseException"/>, nothing else.
/// </summary>
public interface IOcciRendering
{
    /// <summary>The media type written in Content-Type of responses, e.g. "text/plain".</summary>
    string MediaType { get; }

    /// <summary>True when collection renderings show whole entities (JSON), false when only locations (text).</summary>
    bool RendersCollectionsInFull { get; }

    /// <summary>Parses a request; <paramref name="model"/> tells link kinds from resource kinds and class-less categories apart.</summary>
    OcciRequest Parse(ParseInput input, CategorySnapshot model);

    /// <summary>One resource or link, with its mixins, attributes, links and action links.</summary>
    void RenderEntity(Entity entity, RenderContext context, RenderOutput output);

    /// <summary>A collection. Entities carry at least Location; full ones when <see cref="RendersCollectionsInFull"/>.</summary>
    void RenderCollection(IReadOnlyList<Entity> entities, RenderContext context, RenderOutput output);

    /// <summary>Plain locations (name-space listings, mixin memberships).</summary>
    void RenderLocations(IReadOnlyList<string> locations, RenderContext context, RenderOutput output);

    /// <summary>The query interface: category definitions with attributes, actions, locations, rel/depends, applies.</summary>
    void RenderCategories(IEnumerable<Category> categories, RenderContext context, RenderOutput output);

    /// <summary>An error message (text body, or a JSON object for JSON).</summary>
    void RenderError(int status, string message, RenderOutput output);
}
