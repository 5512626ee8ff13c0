using Occi.Rendering.Json;
using Occi.Rendering.Json11;
using Occi.Rendering.Text;
using Occi.Rendering.UriList;

namespace Occi.Server.Http;

internal static class RenderingSet
{
    public static RenderingCatalog Create() =>
        new(new TextPlainRendering(), new TextOcciRendering(), new UriListRendering(), new JsonRendering(), new Json11Rendering());
}
