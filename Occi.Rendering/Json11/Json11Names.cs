using System.Text.Json;

namespace Occi.Rendering.Json11;

/// <summary>Member names only the OCCI 1.1-era JSON has; the ones shared with GFD.225 are in Json/JsonNames.</summary>
internal static class Json11Names
{
    public static readonly JsonEncodedText Related = JsonEncodedText.Encode("related");
    public static readonly JsonEncodedText Rel = JsonEncodedText.Encode("rel");
    /// <summary>pyOCNI's answer to a create, and its lists of locations.</summary>
    public static readonly JsonEncodedText Location = JsonEncodedText.Encode("Location");
    public const string OcciLocation = "X-OCCI-Location";
}
