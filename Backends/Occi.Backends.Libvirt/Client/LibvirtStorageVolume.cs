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
    public unsafe void Upload(LibvirtConnection connection, ReadOnlySpan<byte> content)
    {
        using var stream = connection.NewStream();
        Check(LibvirtNative.virStorageVolUpload(handle, stream, 0, (ulong)content.Length, 0), "virStorageVolUpload");
        try
        {
            fixed (byte* start = content)
            {
                var sent = 0;
                while (sent < content.Length)
                {
                    var chunk = Math.Min(content.Length - sent, 256 * 1024);
                    sent += Check(LibvirtNative.virStreamSend(stream, start + sent, (nuint)chunk), "virStreamSend");
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
