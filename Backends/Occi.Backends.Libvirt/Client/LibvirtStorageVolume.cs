using Occi.Backends.Libvirt.Native;
using static Occi.Backends.Libvirt.Native.LibvirtLibrary;

namespace Occi.Backends.Libvirt.Client;

/// <summary>A virStorageVolPtr: one disk image in a pool.</summary>
internal sealed class LibvirtStorageVolume(StorageVolumeHandle handle) : IDisposable
{
    public string Name => LibvirtStrings.Peek(LibvirtNative.virStorageVolGetName(handle)) ?? throw LastError("virStorageVolGetName");

    /// <summary>Where the volume lives on the host: what a disk's &lt;source file=…&gt; names.</summary>
    public string Path => LibvirtStrings.Take(LibvirtNative.virStorageVolGetPath(handle)) ?? throw LastError("virStorageVolGetPath");

    public string Xml => LibvirtStrings.Take(LibvirtNative.virStorageVolGetXMLDesc(handle, 0)) ?? throw LastError("virStorageVolGetXMLDesc");

    /// <summary>Logical size and host allocation, in bytes.</summary>
    public (ulong Capacity, ulong Allocation) Info
    {
        get
        {
            Check(LibvirtNative.virStorageVolGetInfo(handle, out var info), "virStorageVolGetInfo");
            return (info.Capacity, info.Allocation);
        }
    }

    /// <summary>Grows the volume to <paramref name="capacity"/> bytes (libvirt refuses to shrink without a flag we never pass).</summary>
    public void Resize(ulong capacity) => Check(LibvirtNative.virStorageVolResize(handle, capacity, 0), "virStorageVolResize");

    /// <summary>Writes <paramref name="content"/> over the start of the volume through a libvirt stream (works on remote hosts too).</summary>
    public void Upload(LibvirtConnection connection, ReadOnlySpan<byte> content)
    {
        using var source = new MemoryStream(content.ToArray(), writable: false);
        Upload(connection, source, (ulong)content.Length);
    }

    /// <summary>Writes <paramref name="length"/> bytes read from <paramref name="source"/> over the start of the volume, a chunk at a time.</summary>
    public unsafe void Upload(LibvirtConnection connection, Stream source, ulong length)
    {
        using var stream = connection.NewStream();
        Check(LibvirtNative.virStorageVolUpload(handle, stream, 0, length, 0), "virStorageVolUpload");
        try
        {
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                fixed (byte* start = buffer)
                {
                    var sent = 0;
                    while (sent < read) sent += Check(LibvirtNative.virStreamSend(stream, start + sent, (nuint)(read - sent)), "virStreamSend");
                }
            }
            Check(LibvirtNative.virStreamFinish(stream), "virStreamFinish");
        }
        catch
        {
            LibvirtNative.virStreamAbort(stream);
            throw;
        }
    }

    public void Delete() => Check(LibvirtNative.virStorageVolDelete(handle, 0), "virStorageVolDelete");

    public void Dispose() => handle.Dispose();
}
