using System.Buffers;
using Occi.Core.Model;

namespace Occi.Rendering;

/// <summary>
/// A rendering whose collections can be sent a piece at a time, so a listing of any size needs only a
/// bounded buffer (issue 11 item 11). Each step of the returned sequence leaves everything rendered so
/// far committed to <c>body</c> (no bytes held back in a writer of the rendering's own), at a point where
/// the server may send it or switch where the body goes; the bytes are the same as the whole rendering's.
/// A step also ends before a member of an <see cref="IPagedList"/> that is not loaded yet, for the server to load it.
/// text/occi has none: it renders into headers, which are sent before any body.
/// </summary>
public interface ICollectionStreaming
{
    /// <summary>Roughly how many bytes a rendering writes between two steps; one member may take more.</summary>
    const int StepBytes = 4096;

    /// <summary>What <see cref="IOcciRendering.RenderCollection"/> writes, in steps; each step yields the position (in the list or the part being written) the rendering reads next.</summary>
    IEnumerable<int> StreamCollection(IReadOnlyList<Entity> entities, RenderContext context, IBufferWriter<byte> body);

    /// <summary>What <see cref="IOcciRendering.RenderLocations"/> writes, in steps.</summary>
    IEnumerable<int> StreamLocations(IReadOnlyList<string> locations, RenderContext context, IBufferWriter<byte> body);
}
