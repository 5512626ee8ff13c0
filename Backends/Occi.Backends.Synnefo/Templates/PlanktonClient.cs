using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Http;

namespace Occi.Backends.Synnefo.Templates;

/// <summary>
/// Plankton's one call the gateway makes: the images the token's user may use (registered by the user, shared with
/// the user, public), in detail (image-api-guide, "List Available Images in Detail": GET /images/detail).
/// Why not the OpenStack backend's GlanceClient: Plankton speaks Glance v1 with a bare array, Glance v2 is paged JSON.
/// </summary>
internal sealed class PlanktonClient(SynnefoHttp http)
{
    public async Task<IReadOnlyList<PlanktonImage>> ListImagesAsync(ICredential credential, CancellationToken ct) =>
        await http.Requests.SendAsync(credential, SynnefoServices.Plankton, HttpMethod.Get, "images/detail", PlanktonJson.Default.ListPlanktonImage, null, ct) ?? [];
}
