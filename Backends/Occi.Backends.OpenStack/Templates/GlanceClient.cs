using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Templates;

/// <summary>The Glance calls the gateway makes (glance api-ref, images v2): list the images a project can see, delete one.</summary>
internal sealed class GlanceClient(OpenStackHttp http)
{
    private const int PageSize = 200;

    /// <summary>
    /// The images the credential's project sees (its own, shared and public), in any status, every page; with
    /// <paramref name="filter"/> (a query of property=value pairs, escaped) only those with these properties.
    /// </summary>
    public async Task<List<GlanceImage>> ListImagesAsync(ICredential credential, CancellationToken ct, string? filter = null)
    {
        var images = new List<GlanceImage>();
        var path = $"v2/images?limit={PageSize}" + (filter is null ? "" : "&" + filter);
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await http.SendAsync(credential, OpenStackService.Image, HttpMethod.Get, path, GlanceJson.Default.GlanceImages, null, ct);
            if (page is null) break;
            images.AddRange(page.Images);
            if (page.Next is not { Length: > 0 } next || page.Images.Count == 0) break;
            path = next.TrimStart('/');
        }
        return images;
    }

    public async Task<GlanceImage?> GetImageAsync(ICredential credential, string id, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(credential, OpenStackService.Image, HttpMethod.Get, "v2/images/" + Uri.EscapeDataString(id), GlanceJson.Default.GlanceImage, null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }
}
