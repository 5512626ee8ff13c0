using System.Text.Json;

namespace Occi.Backends.OpenStack.Compute;

/// <summary>The bodies of the server actions the OCCI compute actions become (nova api-ref, servers-actions.inc).</summary>
internal static class ServerActions
{
    public static readonly byte[] Start = """{"os-start":null}"""u8.ToArray();
    public static readonly byte[] Stop = """{"os-stop":null}"""u8.ToArray();
    public static readonly byte[] Suspend = """{"suspend":null}"""u8.ToArray();
    public static readonly byte[] Resume = """{"resume":null}"""u8.ToArray();
    public static readonly byte[] Unpause = """{"unpause":null}"""u8.ToArray();
    public static readonly byte[] SoftReboot = JsonSerializer.SerializeToUtf8Bytes(new RebootAction(new RebootType("SOFT")), NovaJson.Default.RebootAction);
    public static readonly byte[] HardReboot = JsonSerializer.SerializeToUtf8Bytes(new RebootAction(new RebootType("HARD")), NovaJson.Default.RebootAction);
}
