using System.Runtime.InteropServices;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The domains test:///default holds as a connection of its own sees them. The test driver keeps one state per process
/// while any connection to it is open (libvirt's testOpenDefault shares it among simultaneous connections) and starts
/// afresh, with its one sample domain "test", once the last is closed; this connection is closed before it answers.
/// </summary>
public static class TestDriverDomains
{
    private const string Library = "libvirt.so.0";

    /// <summary>The sample domain the driver starts with.</summary>
    public const string Sample = "test";

    public static IReadOnlyList<string> Names()
    {
        var connection = virConnectOpen("test:///default");
        if (connection == 0) throw new InvalidOperationException("virConnectOpen(test:///default) failed");
        try
        {
            var count = virConnectListAllDomains(connection, out var domains, 0);
            if (count < 0) throw new InvalidOperationException("virConnectListAllDomains failed");
            var names = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                var domain = Marshal.ReadIntPtr(domains, i * IntPtr.Size);
                names.Add(Marshal.PtrToStringUTF8(virDomainGetName(domain)) ?? "");
                virDomainFree(domain);
            }
            free(domains);
            return names;
        }
        finally
        {
            virConnectClose(connection);
        }
    }

    /// <summary>
    /// Whether a connection other than this helper's holds the driver's state: a domain defined on one connection of
    /// its own, closed, is still there on the next only if another kept the state alive (it is then removed again).
    /// </summary>
    public static bool HeldOpenElsewhere()
    {
        const string marker = "occi-tests-state-marker";
        var connection = virConnectOpen("test:///default");
        if (connection == 0) throw new InvalidOperationException("virConnectOpen(test:///default) failed");
        var defined = virDomainDefineXML(connection, $"<domain type='test'><name>{marker}</name><memory>1024</memory><os><type>hvm</type></os></domain>");
        if (defined == 0) throw new InvalidOperationException("virDomainDefineXML failed");
        virDomainFree(defined);
        virConnectClose(connection);

        connection = virConnectOpen("test:///default");
        try
        {
            var found = virDomainLookupByName(connection, marker);
            if (found == 0) return false;
            virDomainUndefine(found);
            virDomainFree(found);
            return true;
        }
        finally
        {
            virConnectClose(connection);
        }
    }

    [DllImport(Library)] private static extern nint virConnectOpen(string name);
    [DllImport(Library)] private static extern int virConnectClose(nint connection);
    [DllImport(Library)] private static extern int virConnectListAllDomains(nint connection, out nint domains, uint flags);
    [DllImport(Library)] private static extern nint virDomainGetName(nint domain);
    [DllImport(Library)] private static extern nint virDomainDefineXML(nint connection, string xml);
    [DllImport(Library)] private static extern nint virDomainLookupByName(nint connection, string name);
    [DllImport(Library)] private static extern int virDomainUndefine(nint domain);
    [DllImport(Library)] private static extern int virDomainFree(nint domain);
    [DllImport("libc")] private static extern void free(nint pointer);
}
