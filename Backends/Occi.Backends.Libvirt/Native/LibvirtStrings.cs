using System.Runtime.InteropServices;

namespace Occi.Backends.Libvirt.Native;

/// <summary>Reads the C strings libvirt returns.</summary>
internal static class LibvirtStrings
{
    /// <summary>Copies a caller-owned char* and frees it (libvirt allocates with malloc; the caller must free).</summary>
    public static unsafe string? Take(nint pointer)
    {
        if (pointer == 0) return null;
        try { return Marshal.PtrToStringUTF8(pointer); }
        finally { NativeMemory.Free((void*)pointer); }
    }

    /// <summary>Copies a const char* that libvirt keeps owning.</summary>
    public static string? Peek(nint pointer) => pointer == 0 ? null : Marshal.PtrToStringUTF8(pointer);
}
