using Occi.Core.Registry;

namespace Occi.Rendering;

/// <summary>
/// What a renderer needs beyond the thing rendered: the model (for kinds' actions and attribute
/// definitions) and the absolute base URL of the server (no trailing slash), from Occi:BaseUrl or the request.
/// GFD.185 examples render Location/X-OCCI-Location absolute and link targets and action links as paths.
/// </summary>
public sealed record RenderContext(CategorySnapshot Model, string BaseUrl)
{
    /// <summary>An absolute URL for a path ("/compute/1" → "http://host:8080/compute/1"); absolute input is kept.</summary>
    public string Absolute(string location) =>
        location.StartsWith('/') ? BaseUrl + location : location;
}
