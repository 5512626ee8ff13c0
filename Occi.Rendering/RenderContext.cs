using Occi.Core.Registry;

namespace Occi.Rendering;

/// <summary>
/// What a renderer needs beyond the thing rendered: the model (for kinds' actions and attribute
/// definitions) and the absolute base URL of the server (no trailing slash), from Occi:BaseUrl or the request.
/// GFD.185 examples render Location/X-OCCI-Location absolute and link targets and action links as paths.
/// </summary>
public sealed record RenderContext(CategorySnapshot Model, string BaseUrl)
{
    /// <summary>
    /// Bound on one header field ("Name: value", without CRLF) that text/occi writes: values of one structure
    /// share one field while it fits and go on in repeated fields of the same name beyond it (a single value
    /// longer than the bound gets a field of its own). Clients cap a header line: Python's http.client at 65,536
    /// bytes, curl at 100 KiB.
    /// </summary>
    public int MaxHeaderFieldBytes { get; init; } = DefaultMaxHeaderFieldBytes;

    /// <summary>
    /// 32 KiB: half of Python's line limit and a third of curl's, and four times the built-in model's
    /// Category field, so GET /-/ stays one field (rOCCI-cli 4.3 reads only the first) until a site's
    /// templates and user mixins quadruple it.
    /// </summary>
    public const int DefaultMaxHeaderFieldBytes = 32 * 1024;

    /// <summary>An absolute URL for a path ("/compute/1" → "http://host:8080/compute/1"); absolute input is kept.</summary>
    public string Absolute(string location) =>
        location.StartsWith('/') ? BaseUrl + location : location;
}
