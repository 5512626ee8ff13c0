using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Occi.Backends.Libvirt.Native;

/// <summary>Loading and one-time initialization of libvirt.so.0, and turning its thread-local error into an exception.</summary>
internal static unsafe class LibvirtLibrary
{
    private static readonly Lazy<string?> LoadFailure = new(Load);

    /// <summary>True when libvirt.so.0 can be loaded on this machine.</summary>
    public static bool IsAvailable => LoadFailure.Value is null;

    /// <summary>Why libvirt cannot be used, or null when it can.</summary>
    public static string? UnavailableReason => LoadFailure.Value;

    /// <summary>Throws when libvirt.so.0 is missing; initializes it once otherwise.</summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } reason) throw new DllNotFoundException(reason);
    }

    private static string? Load()
    {
        if (!NativeLibrary.TryLoad(LibvirtNative.Library, typeof(LibvirtLibrary).Assembly, null, out _))
            return $"{LibvirtNative.Library} is not installed (Debian package libvirt0)";
        // libvirt's docs: a multi-threaded program calls virInitialize before any other API.
        if (LibvirtNative.virInitialize() < 0) return "virInitialize failed";
        // Errors reach us as exceptions; without a handler libvirt also prints each one to stderr.
        LibvirtNative.virSetErrorFunc(0, &IgnoreError);
        return null;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(nint userData, nint error) { }

    /// <summary>The error the last failed call on this thread left, as an exception.</summary>
    public static LibvirtException LastError(string call)
    {
        var error = LibvirtNative.virGetLastError();
        if (error is null) return new LibvirtException(LibvirtErrorCode.InternalError, 0, "libvirt reported no error", call);
        var message = LibvirtStrings.Peek(error->Message) ?? "unknown libvirt error";
        var exception = new LibvirtException((LibvirtErrorCode)error->Code, error->Domain, message, call);
        LibvirtNative.virResetLastError();
        return exception;
    }

    /// <summary>Checks an int-returning call (negative means failure).</summary>
    public static int Check(int result, string call) => result < 0 ? throw LastError(call) : result;

    /// <summary>Checks a handle-returning call (NULL means failure).</summary>
    public static T Check<T>(T handle, string call) where T : SafeLibvirtHandle
    {
        if (!handle.IsInvalid) return handle;
        handle.Dispose();
        throw LastError(call);
    }
}
