using System.Text.Json;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// The bodies of the server actions the OCCI compute actions become (compute-api-guide, "Server Actions"). Differs
/// from the OpenStack backend's: Cyclades starts and stops with {"start": {}} and {"shutdown": {}}, not os-start and
/// os-stop; it has no suspend, resume or createImage.
/// </summary>
internal static class ServerActions
{
    public static readonly byte[] Start = """{"start":{}}"""u8.ToArray();
    public static readonly byte[] Shutdown = """{"shutdown":{}}"""u8.ToArray();
    public static readonly byte[] SoftReboot = JsonSerializer.SerializeToUtf8Bytes(new RebootAction(new RebootType("SOFT")), CycladesJson.Default.RebootAction);
    public static readonly byte[] HardReboot = JsonSerializer.SerializeToUtf8Bytes(new RebootAction(new RebootType("HARD")), CycladesJson.Default.RebootAction);
}
